using Google.Protobuf;
using Onnx;

namespace MentionWatch.Triage.Model;

/// <summary>
/// Rewrites an ONNX model so that every matrix multiplication by a constant weight matrix runs in 8-bit integers:
/// each <c>MatMul(x, W)</c> becomes ONNX Runtime's <c>DynamicQuantizeMatMul(x, W8, scale, 0)</c>, with <c>W</c> rounded
/// to signed bytes per output column (symmetric, scale = the column's largest magnitude / 127) and <c>x</c> quantised
/// by ONNX Runtime at run time. The same rewrite as onnxruntime's Python <c>quantize_dynamic</c> (per-channel, signed
/// weights), done here because Python is not available to the service; deterministic, so a model trained on its
/// vectors meets the same vectors in service.
/// </summary>
internal static class Int8Weights
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>Rewrites <paramref name="model"/> in place.</summary>
    /// <returns>How many multiplications were rewritten.</returns>
    public static int Quantise(ModelProto model)
    {
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var rewritten = 0;
        for (var n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            if (node.OpType != "MatMul" || !weights.TryGetValue(node.Input[1], out var w) || !IsFloatMatrix(w)) continue;

            var (quantised, scales) = PerColumn(w);
            graph.Initializer.Remove(w);
            graph.Initializer.Add(quantised);
            graph.Initializer.Add(scales);
            graph.Initializer.Add(ZeroPoints(w.Name + "_zero", scales.FloatData.Count));
            var replacement = new NodeProto { OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain, Name = node.Name + "_int8" };
            replacement.Input.Add([node.Input[0], quantised.Name, scales.Name, w.Name + "_zero"]);
            replacement.Output.Add(node.Output);
            graph.Node[n] = replacement;
            rewritten++;
        }

        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain)) model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        return rewritten;
    }

    private static bool IsFloatMatrix(TensorProto t) => t.Dims.Count == 2 && t.DataType == (int)TensorProto.Types.DataType.Float;

    private static (TensorProto Weights, TensorProto Scales) PerColumn(TensorProto w)
    {
        int rows = (int)w.Dims[0], columns = (int)w.Dims[1];
        var values = w.FloatData.Count > 0 ? w.FloatData.ToArray() : Floats(w.RawData.Span);
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) scales[c] = Math.Max(scales[c], Math.Abs(values[r * columns + c]));
        }

        for (var c = 0; c < columns; c++) scales[c] = scales[c] == 0 ? 1 : scales[c] / 127f;
        var bytes = new byte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                bytes[r * columns + c] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(values[r * columns + c] / scales[c]), -127, 127));
            }
        }

        var quantised = new TensorProto { Name = w.Name + "_int8", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(bytes) };
        quantised.Dims.Add([rows, columns]);
        var scale = new TensorProto { Name = w.Name + "_scale", DataType = (int)TensorProto.Types.DataType.Float };
        scale.Dims.Add(columns);
        scale.FloatData.Add(scales);
        return (quantised, scale);
    }

    private static TensorProto ZeroPoints(string name, int columns)
    {
        var zero = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(new byte[columns]) };
        zero.Dims.Add(columns);
        return zero;
    }

    private static float[] Floats(ReadOnlySpan<byte> raw) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray();
}
