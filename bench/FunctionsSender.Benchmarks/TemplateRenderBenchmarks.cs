using System.Text;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Fluid;
using FunctionsSender.Core.Templates;
using HandlebarsDotNet;

namespace FunctionsSender.Benchmarks;

/// <summary>
/// Renders the same JSON OTP template with our <see cref="CompiledTemplate"/> (baseline), Fluid.Core, Handlebars.Net
/// and a naive <see cref="string.Replace(string, string)"/> loop. Every candidate escapes the values for JSON on each
/// render (no pre-escaped values) and produces the identical string, checked once in <see cref="Setup"/>.
/// Parsing/compiling happens in setup; a render op is "values in, string out".
/// </summary>
[MemoryDiagnoser]
public class TemplateRenderBenchmarks
{
    // The escaper all third-party candidates use: like our JsonStringEscaper it writes \" and \\ (not \u0022) and
    // leaves non-ASCII text alone. The values below avoid the characters where the two differ (e.g. < > & +).
    private static readonly JavaScriptEncoder Json = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private CompiledTemplate ours = null!;
    private Dictionary<string, string> values = null!;
    private IFluidTemplate fluidTemplate = null!;
    private TemplateOptions fluidOptions = null!;
    private Dictionary<string, object> model = null!;
    private HandlebarsTemplate<object, object> handlebarsTemplate = null!;
    private string naiveSource = null!;
    private KeyValuePair<string, string>[] naivePlaceholders = null!;

    /// <summary>Number of distinct template variables.</summary>
    [Params(3, 8)]
    public int Variables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = TemplateSpec.For(Variables);
        values = spec.Values;
        ours = CompiledTemplate.Compile(spec.Source);

        // Fluid: parse once; values are escaped at render time by the TextEncoder passed to Render
        // ({{ x }} output is encoded, template literals are not), the same job our renderer does.
        fluidOptions = new TemplateOptions();
        if (!new FluidParser().TryParse(spec.LiquidSource, out fluidTemplate, out string error))
        {
            throw new InvalidOperationException("Fluid parse failed: " + error);
        }

        // Nested model so that user.username is a member access in both Liquid and Handlebars.
        model = TemplateSpec.ToNestedModel(values);

        // Handlebars: compile once; {{x}} output goes through a JSON ITextEncoder instead of the default HTML one.
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { TextEncoder = new JsonTextEncoder() });
        handlebarsTemplate = handlebars.Compile(spec.HandlebarsSource);

        // Naive: "${name}" placeholders always inside quotes, replaced by the escaped value one by one.
        naiveSource = spec.NaiveSource;
        naivePlaceholders = [.. values.Select(kv => KeyValuePair.Create("${" + kv.Key + "}", kv.Value))];

        var expected = Ours();
        var candidates = new Dictionary<string, string>
        {
            [nameof(OursGeneric)] = OursGeneric(),
            [nameof(FluidCore)] = FluidCore(),
            [nameof(HandlebarsNet)] = HandlebarsNet(),
            [nameof(NaiveReplace)] = NaiveReplace(),
        };
        foreach (var (name, actual) in candidates)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} rendered a different string.\nexpected: {expected}\nactual:   {actual}");
            }
        }

        if (!expected.Contains("\"012345\"", StringComparison.Ordinal) || !expected.Contains("\\\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Leading-zero OTP or escaped quote missing: " + expected);
        }

        Console.WriteLine($"// Variables={Variables}: result is {expected.Length} chars ({22 + (2 * expected.Length)} bytes as a .NET string on x64): {expected}");
    }

    [Benchmark(Baseline = true, Description = "Ours: Render(IReadOnlyDictionary)")]
    public string Ours() => ours.Render(values);

    [Benchmark(Description = "Ours: Render<DictionaryTemplateValues>")]
    public string OursGeneric() => ours.Render(new DictionaryTemplateValues(values));

    [Benchmark(Description = "Fluid.Core (Liquid)")]
    public string FluidCore()
    {
        // A context per render, as a dispatcher would do per request; the model itself is built in setup.
        var context = new TemplateContext(model, fluidOptions);
        return fluidTemplate.Render(context, Json);
    }

    [Benchmark(Description = "Handlebars.Net")]
    public string HandlebarsNet() => handlebarsTemplate(model);

    [Benchmark(Description = "string.Replace + JavaScriptEncoder")]
    public string NaiveReplace()
    {
        string result = naiveSource;
        foreach (var (placeholder, value) in naivePlaceholders)
        {
            result = result.Replace(placeholder, Json.Encode(value), StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>Handlebars output encoder that JSON-escapes (the default one HTML-escapes).</summary>
    private sealed class JsonTextEncoder : ITextEncoder
    {
        public void Encode(StringBuilder? text, TextWriter target)
        {
            if (text is not null)
            {
                Json.Encode(target, text.ToString());
            }
        }

        public void Encode(string? text, TextWriter target)
        {
            if (text is not null)
            {
                Json.Encode(target, text);
            }
        }

        public void Encode<T>(T? text, TextWriter target)
            where T : IEnumerator<char>
        {
            if (text is null)
            {
                return;
            }

            var builder = new StringBuilder();
            while (text.MoveNext())
            {
                builder.Append(text.Current);
            }

            Json.Encode(target, builder.ToString());
        }
    }
}
