using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HFDesk.Core.Hub;

namespace HFDesk.Server.Contracts;

/// <summary>Turns the raw query string of <c>/api/search</c> into a <see cref="SearchRequest"/>, or says what is wrong.</summary>
internal static class SearchRequestValidator
{
    public const int MaxQueryLength = 500;
    public const int MaxFilters = 20;

    public static bool TryValidate(
        string? q,
        string? datasets,
        string? sort,
        string? limit,
        string? filter,
        string? author,
        [NotNullWhen(true)] out SearchRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (q is { Length: > MaxQueryLength })
        {
            error = $"q is longer than {MaxQueryLength} characters";
            return false;
        }

        if (!TryParseBool(datasets, out var isDataset))
        {
            error = $"datasets must be true or false, not '{datasets}'";
            return false;
        }

        HubSearchSort? parsedSort = HubSearchSort.Downloads;
        if (!string.IsNullOrEmpty(sort) && !HubSearchSortExtensions.TryParse(sort, out parsedSort))
        {
            error = $"sort must be one of {string.Join(", ", HubSearchSortExtensions.Names)}";
            return false;
        }

        var parsedLimit = HubSearchQuery.DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit) || parsedLimit is < 1 or > HubSearchQuery.MaxLimit))
        {
            error = $"limit must be a whole number from 1 to {HubSearchQuery.MaxLimit}";
            return false;
        }

        var filters = (filter ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (filters.Length > MaxFilters)
        {
            error = $"at most {MaxFilters} filter tags are allowed";
            return false;
        }

        foreach (var tag in filters)
        {
            if (!IsValidTag(tag))
            {
                error = $"filter tag '{tag}' is invalid (letters, digits and - _ . : / + only)";
                return false;
            }
        }

        var trimmedAuthor = string.IsNullOrWhiteSpace(author) ? null : author.Trim();
        if (trimmedAuthor is not null && !RepoId.TryParse($"{trimmedAuthor}/x", out _, out _))
        {
            error = $"author '{trimmedAuthor}' is not a valid Hub user or organization name";
            return false;
        }

        try
        {
            // A URL that names no repo (a Space, a profile) is a mistake to report, not text to search for.
            HubRepoReference.Parse(q);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }

        request = new SearchRequest(new HubSearchQuery
        {
            Type = isDataset ? RepoType.Dataset : RepoType.Model,
            Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Author = trimmedAuthor,
            Filters = filters,
            Sort = parsedSort.Value,
            Limit = parsedLimit,
        });
        error = null;
        return true;
    }

    private static bool TryParseBool(string? value, out bool result)
    {
        result = false;
        switch (value?.Trim().ToUpperInvariant())
        {
            case null or "" or "FALSE" or "0":
                return true;
            case "TRUE" or "1":
                result = true;
                return true;
            default:
                return false;
        }
    }

    private static bool IsValidTag(string tag) =>
        tag.Length <= 100 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '+');
}
