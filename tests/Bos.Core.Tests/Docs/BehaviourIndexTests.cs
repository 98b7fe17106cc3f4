using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Docs;

/// <summary>
/// docs/behaviour.md is the repository's index of the upstream behaviour IDs it cites (they come from
/// bos-behaviour.md, which is not in the repository). These tests walk the source tree: every cited ID must have a
/// row, and every row must still be cited somewhere.
/// </summary>
public sealed class BehaviourIndexTests
{
    private const string IndexPath = "docs/behaviour.md";

    /// <summary>The ID prefixes of the upstream behaviour reference, one per section.</summary>
    private const string Prefixes = "API|DM|OP|Q|V1|DB|SCALE|EXT|MT|REP|HELM|TEST";

    /// <summary>
    /// In text: PREFIX-nn, with an optional range (PREFIX-nn..mm or PREFIX-nn..PREFIX-mm, every ID in between is
    /// cited) or shorthand (PREFIX-nn/mm/kk). Not part of a longer word or number.
    /// </summary>
    private static readonly Regex ProseCitation = new(
        @"(?<![A-Za-z0-9])(?<prefix>" + Prefixes + @")-(?<n>\d{2})" +
        @"(?:\.\.(?:\k<prefix>-)?(?<to>\d{2})|(?:/(?<also>\d{2}))+)?(?!\d)",
        RegexOptions.CultureInvariant);

    /// <summary>In identifiers such as test names: PREFIXnn (or PREFIX_nn) followed by an underscore.</summary>
    private static readonly Regex IdentifierCitation = new(
        @"(?<![A-Za-z0-9])(?<prefix>" + Prefixes + @")_?(?<n>\d{2})(?=_)",
        RegexOptions.CultureInvariant);

    /// <summary>A table row of the index: its first cell is exactly one ID.</summary>
    private static readonly Regex IndexRow = new(
        @"^\|\s*(?<id>(?:" + Prefixes + @")-\d{2})\s*\|(?<rest>.*)$", RegexOptions.CultureInvariant);

    private static readonly Regex SectionHeading = new(@"^##\s+(?<prefix>[A-Z0-9]+):", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "bin", "obj", ".git", ".data", ".vs", "TestResults",
    };

    /// <summary>Sources, docs, data and build files; "" is the extension-less scripts (scripts/run, .ci/run).</summary>
    private static readonly HashSet<string> ScannedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".md", ".json", ".yaml", ".yml", ".csproj", ".props", ".targets", ".config", ".sln", ".sh", ".txt", "",
    };

    /// <summary>
    /// Not citations: the index itself, upstream's copied spec (its text, not ours; wherever it lives) and this
    /// file, whose examples of the citation syntax are not references.
    /// </summary>
    private static readonly HashSet<string> SkippedFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "bos-openapi.yaml", nameof(BehaviourIndexTests) + ".cs",
    };

    [Fact]
    public void Every_behaviour_id_cited_in_the_repository_is_in_docs_behaviour_md()
    {
        var citations = ScanRepository();
        var index = ReadIndex();

        // Not vacuous: the walk found the tree, both citation forms, and the index parsed into rows.
        citations.Select(c => c.File).Distinct().Count().Should().BeGreaterThan(50, "the repository cites IDs in many files");
        citations.Select(c => c.Id).Distinct().Count().Should().BeGreaterThan(100);
        citations.Should().Contain(c => c.File.EndsWith(".cs", StringComparison.Ordinal) && c.InIdentifier,
            "test names cite IDs as PREFIXnn_");
        citations.Should().Contain(c => c.File.EndsWith(".md", StringComparison.Ordinal));
        index.Count.Should().BeGreaterThan(100);

        var indexed = index.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var missing = citations
            .Where(c => !indexed.Contains(c.Id))
            .GroupBy(c => c.Id)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} cited at {string.Join(", ", g.Select(c => $"{c.File}:{c.Line}").Distinct())}")
            .ToList();

        missing.Should().BeEmpty($"{IndexPath} needs a row (ID, upstream, Bos, where) for every ID the repository cites");
    }

    [Fact]
    public void Every_row_of_docs_behaviour_md_is_cited_somewhere_in_the_repository()
    {
        var cited = ScanRepository().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var index = ReadIndex();

        cited.Count.Should().BeGreaterThan(100);
        index.Count.Should().BeGreaterThan(100);

        var stale = index
            .Where(r => !cited.Contains(r.Id))
            .Select(r => $"{r.Id} ({IndexPath}:{r.Line})")
            .ToList();

        stale.Should().BeEmpty("a row whose ID nothing cites any more should be removed from the index");
    }

    [Fact]
    public void Each_row_of_docs_behaviour_md_is_one_id_in_its_section_with_upstream_bos_and_where()
    {
        var index = ReadIndex();
        index.Count.Should().BeGreaterThan(100);

        index.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty("each ID has one row");

        foreach (var row in index)
        {
            row.Cells.Should().HaveCount(3, $"{row.Id} (line {row.Line}) has the columns upstream, Bos and where");
            row.Cells.Should().NotContain(c => string.IsNullOrWhiteSpace(c), $"{row.Id} (line {row.Line}) fills every column");
            row.Section.Should().Be(row.Id[..row.Id.IndexOf('-')], $"{row.Id} (line {row.Line}) is under its own section");
        }
    }

    [Theory]
    [InlineData("the status table (OP-30).", "OP-30")]
    [InlineData("GET /v2 (API-20..22)", "API-20 API-21 API-22")]
    [InlineData("component record (DM-01..DM-03)", "DM-01 DM-02 DM-03")]
    [InlineData("graceful/forceful off (OP-13/14/15)", "OP-13 OP-14 OP-15")]
    [InlineData("OP-15/OP-20: powers on", "OP-15 OP-20")]
    [InlineData("public async Task API28_MT02_PUT_with_an_unknown_tenant()", "API-28 MT-02")]
    [InlineData("public void Q01_kept_no_filter()", "Q-01")]
    [InlineData("public void OP_30_style_names_count_too()", "OP-30")]
    [InlineData("Redis DB 4, steps T8 and V5, S0..S12, sha256, XAPI-12, API-123, OP-1, API28 alone", "")]
    public void The_scanner_reads_exactly_the_citation_forms_of_the_repository(string text, string expected)
    {
        var ids = Citations(text, "example.cs").Select(c => c.Id).ToList();

        ids.Should().Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Citation(string Id, string File, int Line, bool InIdentifier);

    private sealed record IndexRowEntry(string Id, int Line, string Section, IReadOnlyList<string> Cells);

    /// <summary>The checkout's root folder (where Bos.sln is), found above the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bos.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Bos.sln above {AppContext.BaseDirectory}");
    }

    private static List<Citation> ScanRepository()
    {
        var root = RepositoryRoot();
        var citations = new List<Citation>();
        foreach (var path in SourceFiles(root))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative == IndexPath) continue;
            var text = File.ReadAllText(path);
            if (text.Contains('\0')) continue; // binary
            citations.AddRange(Citations(text, relative));
        }
        return citations;
    }

    private static IEnumerable<string> SourceFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                    pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (ScannedExtensions.Contains(Path.GetExtension(name)) && !SkippedFileNames.Contains(name))
                    yield return file;
            }
        }
    }

    private static IEnumerable<Citation> Citations(string text, string file)
    {
        foreach (Match m in ProseCitation.Matches(text))
        {
            var prefix = m.Groups["prefix"].Value;
            var from = int.Parse(m.Groups["n"].Value);
            var numbers = new List<int> { from };
            if (m.Groups["to"].Success)
            {
                var to = int.Parse(m.Groups["to"].Value);
                numbers = to >= from ? Enumerable.Range(from, to - from + 1).ToList() : [from, to];
            }
            numbers.AddRange(m.Groups["also"].Captures.Select(c => int.Parse(c.Value)));
            foreach (var n in numbers)
                yield return new Citation($"{prefix}-{n:00}", file, LineOf(text, m.Index), InIdentifier: false);
        }
        foreach (Match m in IdentifierCitation.Matches(text))
            yield return new Citation($"{m.Groups["prefix"].Value}-{m.Groups["n"].Value}", file, LineOf(text, m.Index), InIdentifier: true);
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = text.IndexOf('\n'); i >= 0 && i < index; i = text.IndexOf('\n', i + 1)) line++;
        return line;
    }

    private static List<IndexRowEntry> ReadIndex()
    {
        var path = Path.Combine(RepositoryRoot(), IndexPath);
        File.Exists(path).Should().BeTrue($"{IndexPath} is the index of cited behaviour IDs");

        var rows = new List<IndexRowEntry>();
        var section = "";
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var heading = SectionHeading.Match(lines[i]);
            if (heading.Success) section = heading.Groups["prefix"].Value;
            var row = IndexRow.Match(lines[i].TrimEnd());
            if (!row.Success) continue;
            var rest = row.Groups["rest"].Value;
            var cells = rest.EndsWith('|') ? rest[..^1].Split('|').Select(c => c.Trim()).ToList() : [];
            rows.Add(new IndexRowEntry(row.Groups["id"].Value, i + 1, section, cells));
        }
        return rows;
    }
}
