namespace Grader.Problems.Yaml;

/// <summary>
/// Cycles in a graph of named definitions (steps that use steps, functions that call functions), found without
/// recursion and in time linear in the graph: the strongly connected components by Tarjan's algorithm, then a
/// shortest path for the message. A spec of 40,000 chained functions is checked in milliseconds, not minutes.
/// </summary>
internal sealed class Cycles
{
    /// <summary>Components larger than this get no path in the message: finding one per member would be quadratic.</summary>
    public const int MaxPathComponent = 64;

    private readonly IReadOnlyList<IReadOnlyList<int>> _edges;
    private readonly int[] _component;
    private readonly int[] _componentSize;

    public Cycles(IReadOnlyList<IReadOnlyList<int>> edges)
    {
        _edges = edges;
        (_component, _componentSize) = Components(edges);
    }

    /// <summary>Whether <paramref name="node"/> lies on a cycle (a self-loop included).</summary>
    public bool OnCycle(int node) => _componentSize[_component[node]] > 1 || _edges[node].Contains(node);

    /// <summary>Whether a path leads from <paramref name="from"/> back to <paramref name="to"/> (they are in one cycle).</summary>
    public bool SameCycle(int from, int to) => from == to ? OnCycle(from) : _component[from] == _component[to];

    /// <summary>The size of the cycle's component.</summary>
    public int ComponentSize(int node) => _componentSize[_component[node]];

    /// <summary>A shortest path from <paramref name="from"/> to <paramref name="to"/> inside their component, both ends included.</summary>
    public List<int>? Path(int from, int to)
    {
        if (!SameCycle(from, to) || ComponentSize(from) > MaxPathComponent)
        {
            return null;
        }
        var previous = new Dictionary<int, int> { [from] = -1 };
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            if (n == to && (from != to || previous.Count > 1 || _edges[n].Contains(n)))
            {
                var path = new List<int>();
                for (var k = n; k != -1; k = previous[k])
                {
                    path.Add(k);
                }
                path.Reverse();
                return path;
            }
            foreach (var m in _edges[n].Where(m => _component[m] == _component[from] && !previous.ContainsKey(m)))
            {
                previous[m] = n;
                queue.Enqueue(m);
            }
        }
        return from == to ? [from] : null;
    }

    private static (int[] Component, int[] Size) Components(IReadOnlyList<IReadOnlyList<int>> edges)
    {
        var n = edges.Count;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        var component = new int[n];
        Array.Fill(index, -1);
        var sizes = new List<int>();
        var stack = new Stack<int>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = next++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                if (e < edges[v].Count)
                {
                    work.Push((v, e + 1));
                    var w = edges[v][e];
                    if (index[w] < 0)
                    {
                        work.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v])
                {
                    var size = 0;
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = sizes.Count;
                        size++;
                    }
                    while (w != v);
                    sizes.Add(size);
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return (component, sizes.ToArray());
    }
}
