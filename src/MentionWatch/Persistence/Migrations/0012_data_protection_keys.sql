-- The keys that sign and encrypt the sign-in and antiforgery cookies (ASP.NET Core Data Protection), kept here so
-- that every replica reads the others' cookies and a restart does not sign everyone out (issue 19).
create table data_protection_keys (
    id            integer generated always as identity primary key,
    friendly_name text null,
    xml           text null
);
