using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Domain.Matching;

namespace Dispatcher.Domain.Tests;

public sealed class IntakeHelpersTests
{
    private static readonly KnowledgeEntry Heating = new("kb-heat", "heating", "Heating season", "15 Nov – 15 Mar", ["season", "start"]);
    private static readonly KnowledgeEntry Water = new("kb-water", "water-outage", "Planned outages", "Announced 24 h ahead", ["planned", "notice"]);

    [Fact]
    public void Suggestions_prefer_the_category_then_keyword_hits_and_skip_unrelated_entries()
    {
        Assert.Equal(["kb-heat"], KnowledgeMatcher.Suggest([Water, Heating], "heating", "when does it start").Select(e => e.Id));
        Assert.Equal(["kb-water", "kb-heat"], KnowledgeMatcher.Suggest([Heating, Water], "water-outage", "is there a planned season?").Select(e => e.Id));
        Assert.Empty(KnowledgeMatcher.Suggest([Heating, Water], "road-damage", "pothole"));
    }

    [Fact]
    public void The_same_place_is_the_same_normalised_address_or_coordinates_within_the_distance()
    {
        Assert.True(IncidentPlace.Same("No. 1, Nongye Rd", null, null, "no 1 nongye rd", null, null, 300));
        Assert.False(IncidentPlace.Same("No. 1 Nongye Rd", null, null, "No. 2 Nongye Rd", null, null, 300));
        Assert.False(IncidentPlace.Same(null, null, null, null, null, null, 300));
        // ~111 m per 0.001° of latitude.
        Assert.True(IncidentPlace.Same("a", 34.7466, 113.6253, "b", 34.7486, 113.6253, 300));
        Assert.False(IncidentPlace.Same("same", 34.7466, 113.6253, "same", 34.7566, 113.6253, 300));
        Assert.InRange(IncidentPlace.Meters(34.7466, 113.6253, 34.7566, 113.6253), 1100, 1125);
    }

    [Fact]
    public void A_normalised_address_keeps_letters_and_digits_of_any_script_in_lower_case()
    {
        Assert.Equal("no12jinshuird", IncidentPlace.Normalise("No. 12, Jinshui Rd."));
        Assert.Equal("金水路12号", IncidentPlace.Normalise("金水路 12 号！"));
        Assert.Null(IncidentPlace.Normalise(" -,. "));
        Assert.Null(IncidentPlace.Normalise(null));
        var longAddress = string.Concat(Enumerable.Repeat("Block A-7, ", 40));
        Assert.Equal(string.Concat(Enumerable.Repeat("blocka7", 40)), IncidentPlace.Normalise(longAddress));
    }
}
