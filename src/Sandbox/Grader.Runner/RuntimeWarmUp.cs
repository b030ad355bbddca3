using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using Grader.Scripting;

namespace Grader.Runner;

/// <summary>
/// Before any student: runs the static constructor of every type a submission may name, closed over the types a
/// submission's values are made of (<c>Comparer&lt;double&gt;</c>, <c>EqualityComparer&lt;(int, double)&gt;</c>, ...), and
/// the framework's own code behind them (sorting, LINQ's operators, formatting and parsing numbers, culture data,
/// comparers, Random). A type initialized here cannot fail later under a heap a submission filled: the runtime would
/// remember that failure for the life of the process. What this misses is caught by <see cref="ProcessFaults"/>.
/// </summary>
public static class RuntimeWarmUp
{
    /// <summary>The types a generic type of the allow-list is closed over here.</summary>
    private static readonly Type[] Elements =
    [
        typeof(double), typeof(int), typeof(long), typeof(float), typeof(string), typeof(bool), typeof(char), typeof(decimal),
        typeof(byte), typeof(short), typeof(uint), typeof(ulong), typeof(object), typeof(double[]), typeof(int[]),
        typeof((double, double)), typeof((int, int)), typeof((double, int)), typeof((int, double)), typeof((string, double)),
        typeof((string, int)), typeof((double, double, double)), typeof(KeyValuePair<string, double>), typeof(KeyValuePair<int, double>),
    ];

    /// <summary>The pairs for generic types of two parameters (Dictionary, SortedList, ...).</summary>
    private static readonly Type[] PairElements = [typeof(double), typeof(int), typeof(long), typeof(string), typeof(char), typeof(object), typeof((int, int))];

    /// <summary>How many static constructors ran (for tests).</summary>
    public static int Run()
    {
        var ran = 0;
        foreach (var type in AllowedSurface.Types())
        {
            if (!type.IsGenericTypeDefinition)
            {
                ran += Initialize(type);
                continue;
            }
            var arity = type.GetGenericArguments().Length;
            var closings = arity switch
            {
                1 => Elements.Select(e => new[] { e }),
                2 => PairElements.SelectMany(a => PairElements.Select(b => new[] { a, b })),
                _ => [],
            };
            foreach (var arguments in closings)
            {
                Type closed;
                try
                {
                    closed = type.MakeGenericType(arguments);
                }
                catch (ArgumentException)
                {
                    // A constraint the arguments do not meet (Nullable<string>): no submission can close it so either.
                    continue;
                }
                ran += Initialize(closed);
            }
        }
        Exercise(new[] { 3.5, -1.0, 2.25, 2.25 }, 0.5);
        Exercise(new[] { 3, -1, 2, 2 }, 7);
        Exercise(new[] { 3L, -1L, 2L }, 7L);
        Exercise(new[] { 3f, -1f, 2f }, 7f);
        Exercise(new[] { 3m, -1m, 2m }, 7m);
        Exercise(new[] { "b", "a", "B", "" }, "c");
        Exercise(new[] { 'b', 'a', 'B' }, 'c');
        Exercise(new[] { true, false }, true);
        Exercise(new[] { (1.0, 2.0), (0.5, 3.0) }, (2.0, 1.0));
        Exercise(new[] { (1, 2), (0, 3) }, (2, 1));
        Exercise(new[] { (1.0, 2), (0.5, 3) }, (2.0, 1));
        Exercise(new[] { (1, 2.0), (0, 3.0) }, (2, 1.0));
        Exercise(new[] { ("a", 2.0), ("b", 3.0) }, ("c", 1.0));
        Text();
        return ran;
    }

    private static int Initialize(Type type)
    {
        if (type.ContainsGenericParameters)
        {
            return 0;
        }
        RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        return 1;
    }

    /// <summary>What submissions do with values of one type: the comparers, sorts and operators behind them.</summary>
    private static void Exercise<T>(T[] values, T other)
        where T : notnull
    {
        var sorted = (T[])values.Clone();
        Array.Sort(sorted);
        Array.Sort(sorted, Comparer<T>.Create((a, b) => Comparer<T>.Default.Compare(b, a)));
        Array.Sort(sorted, (IComparer<T>?)null);
        Array.Sort((T[])values.Clone(), (T[])values.Clone());
        _ = Array.BinarySearch(sorted, other);
        _ = Array.IndexOf(values, other) + Array.LastIndexOf(values, other);
        Array.Reverse(sorted);
        var list = new List<T>(values) { other };
        list.Sort();
        list.Sort((a, b) => Comparer<T>.Default.Compare(a, b));
        _ = list.Contains(other) && list.Remove(other);
        _ = values.OrderBy(v => v).ThenByDescending(v => v).First();
        _ = values.OrderByDescending(v => v).ThenBy(v => v).Last();
        _ = values.Order().Concat(values.OrderDescending()).ToList();
        _ = values.Min();
        _ = values.Max();
        _ = values.MinBy(v => v);
        _ = values.MaxBy(v => v);
        _ = values.Distinct().Count() + values.Union([other]).Count() + values.Intersect([other]).Count() + values.Except([other]).Count();
        _ = values.GroupBy(v => v).Select(g => g.Count()).ToArray();
        _ = values.ToLookup(v => v).Count;
        _ = values.Distinct().ToDictionary(v => v, v => 1).Count + values.ToHashSet().Count + new SortedSet<T>(values).Count;
        _ = new SortedDictionary<T, int>(values.Distinct().ToDictionary(v => v, v => 1)).Count;
        _ = values.Contains(other) || values.SequenceEqual(values) || values.Zip(values).Any();
        _ = values.Skip(1).Take(2).Reverse().Chunk(2).SelectMany(c => c).Append(other).Prepend(other).ToArray();
        _ = Enumerable.Empty<T>().DefaultIfEmpty(other).Single();
        _ = Enumerable.Repeat(other, 3).Aggregate((a, _) => a);
        _ = values.Select((v, i) => (v, i)).Where(p => p.i > 0).ToArray();
        _ = values.CountBy(v => v).Count() + values.AggregateBy(v => v, 0, (n, _) => n + 1).Count() + values.Index().Count();
        _ = new PriorityQueue<T, T>(values.Select(v => (v, v))).Count + new Queue<T>(values).Count + new Stack<T>(values).Count;
        _ = new LinkedList<T>(values).Count + new HashSet<T>(values).Count;
        _ = EqualityComparer<T>.Default.Equals(values[0], other) ? 1 : EqualityComparer<T>.Default.GetHashCode(other);
        _ = string.Join(", ", values) + $"{values[0]}, {other,8}" + values[0]?.ToString();
        _ = new ArrayList(values).Count + new Hashtable { [other] = 1 }.Count;
        var untyped = new ArrayList(values);
        untyped.Sort();
    }

    /// <summary>Numbers to text and back in every format a report or a submission uses, and the culture data behind them.</summary>
    private static void Text()
    {
        foreach (var format in new[] { "", "R", "G", "G17", "F", "F4", "E3", "N2", "P", "0.###", "0.00e+00", "C" })
        {
            _ = 1234.5678.ToString(format) + (-0.001f).ToString(format) + 12.5m.ToString(format) + 42.ToString(format.Length > 0 && format[0] is 'R' or 'E' or '0' ? "D" : format);
        }
        _ = 255.ToString("X4") + 255L.ToString("x") + 3.ToString("D5");
        _ = double.Parse("1.5e3") + double.Parse("-Infinity") + int.Parse("-42") + long.Parse("7") + float.Parse("2.5") + (double)decimal.Parse("1.25");
        _ = double.TryParse("x", out _) || int.TryParse("12", out _);
        _ = string.Format("{0,10:F3} {1} {2:P1}", Math.PI, "x", 0.25) + $"{Math.E,-12:G6}|{double.NaN}|{double.PositiveInfinity}|{-0.0}";
        _ = Math.Round(2.5, MidpointRounding.AwayFromZero) + Math.Round(2.345, 2, MidpointRounding.ToEven);
        var sb = new StringBuilder().Append(1.5).Append(' ').AppendFormat("{0:F2}", 3.14159).AppendLine().Insert(0, "x").Replace("x", "y");
        sb.Append($"{1.5:F2} of {2}");
        _ = sb.ToString();
        const string text = "Gradient of F, ß and İ";
        _ = text.ToUpper() + text.ToLower() + text.ToUpperInvariant() + text.ToLowerInvariant();
        _ = text.Split(' ', ',').Length + text.Replace("F", "G").IndexOf("of", StringComparison.Ordinal) + text.PadLeft(30).Trim().Length;
        foreach (var comparison in Enum.GetValues<StringComparison>())
        {
            _ = string.Compare(text, "gradient", comparison) + text.IndexOf("f", comparison) + (text.StartsWith("g", comparison) ? 1 : 0) + (text.Contains("ss", comparison) ? 1 : 0);
            _ = comparison.ToString() + Enum.Parse<StringComparison>(comparison.ToString());
        }
        foreach (var comparer in new[] { StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase, StringComparer.InvariantCulture, StringComparer.InvariantCultureIgnoreCase, StringComparer.CurrentCulture, StringComparer.CurrentCultureIgnoreCase })
        {
            _ = comparer.Compare(text, "g") + comparer.GetHashCode(text);
        }
        _ = text.GetHashCode() + text.CompareTo("x") + char.GetUnicodeCategory('ß').GetHashCode() + (char.IsLetter('İ') ? 1 : 0) + (char.IsWhiteSpace('\u00a0') ? 1 : 0);
        _ = char.ToUpper('ß') + char.ToLowerInvariant('İ');
        _ = MidpointRounding.ToZero.ToString() + Enum.GetNames<MidpointRounding>().Length;
        _ = new Random(1).NextDouble() + Random.Shared.NextDouble() + new Random().Next();
        _ = FormattableString.Invariant($"{1.5}") + FormattableString.CurrentCulture($"{2.5}");
        _ = Tuple.Create(1, "a").ToString() + (1, 2.0).ToString() + new KeyValuePair<string, int>("a", 1).ToString();
        _ = "abc"[1..^1] + string.Concat(Enumerable.Repeat("a", 3)) + new string('x', 3);
    }
}
