using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Api.Http;

namespace Bos.Api.Spec;

/// <summary>
/// Reads a request body as JSON strictly, before anything looks inside it: a duplicate key in one object, a string
/// that is not valid Unicode (an escaped lone surrogate such as "\ud800", invalid UTF-8) or nesting deeper than the
/// limit is a 400, not an exception later (System.Text.Json's JsonNode reads lazily: a duplicate key threw
/// ArgumentException, a lone surrogate InvalidOperationException, both 500s).
/// </summary>
public static class StrictJson
{
    public const string NotJson = "Request body is not valid JSON";

    public static JsonNode? Parse(ReadOnlyMemory<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = maxDepth });
        var names = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (!names.Peek().Add(name))
                            throw ProblemException.BadRequest($"{NotJson}: duplicate key {SchemaValidator.Repr(JsonValue.Create(name))}");
                        break;
                    case JsonTokenType.String:
                        reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException) { throw ProblemException.BadRequest(NotJson); }
        catch (InvalidOperationException) { throw ProblemException.BadRequest($"{NotJson}: a string is not valid Unicode"); }
        return JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
    }

    /// <summary>
    /// connexion's test (`is_json_mimetype`, after Flask's `request.json`): `application/json` or
    /// `application/*+json`, parameters allowed. A missing type or `application/jsonfoo` is not JSON.
    /// </summary>
    public static bool IsJsonMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
            return false;
        var type = parsed.MediaType;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
