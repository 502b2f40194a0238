using MentionWatch.Cli;

return await CommandLine.Create(args).Parse(args).InvokeAsync();
