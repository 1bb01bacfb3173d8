using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases.Intake;

namespace Dispatcher.Domain.Tests.Cases;

public sealed class IntakeValidatorTests
{
    private static Dictionary<string, string[]> Validate(CaseIntake intake) => IntakeValidator.Validate(intake, DemoCity.City);

    [Fact]
    public void A_complete_intake_has_no_errors()
    {
        Assert.Empty(Validate(DemoCity.Intake()));
    }

    [Fact]
    public void An_unknown_category_is_reported()
    {
        var errors = Validate(DemoCity.Intake(category: "no-such-category"));
        Assert.Equal(["category"], errors.Keys);
        Assert.Contains("no-such-category", errors["category"][0]);
    }

    [Theory]
    [InlineData("construction-committee", true)]
    [InlineData("developer", true)]
    [InlineData("the-mayor", false)]
    public void A_declared_attribute_takes_one_of_its_values_and_undeclared_ones_stay_free(string siteManagedBy, bool valid)
    {
        var errors = Validate(DemoCity.Intake(attributes: new() { ["siteManagedBy"] = siteManagedBy, ["contactType"] = "complaint" }));
        if (valid) Assert.Empty(errors);
        else Assert.StartsWith("One of: construction-committee", Assert.Single(errors["attributes.siteManagedBy"]));
        Assert.Empty(Validate(DemoCity.Intake(category: "road-damage", attributes: new() { ["siteManagedBy"] = "the-mayor" })));
    }

    [Fact]
    public void A_required_declared_attribute_must_be_given()
    {
        var city = Dispatcher.Domain.City.CityDirectory.Parse("""
            {
              "name": "Test", "code": "TT", "districts": [ { "id": "d1", "name": "D1", "kind": "district" } ],
              "departments": [ { "id": "dep1", "name": "Dep 1" } ],
              "categories": [ { "id": "c1", "name": "C1", "attributes": [ { "code": "size", "description": "How big", "required": true,
                "values": [ { "key": "small", "name": "Small" }, { "key": "large", "name": "Large" } ] } ] } ],
              "rules": [ { "id": "r1", "category": "c1", "priority": 0, "departmentId": "dep1" } ]
            }
            """);
        var intake = DemoCity.Intake(category: "c1", district: "d1");
        Assert.Equal(["Required."], IntakeValidator.Validate(intake, city)["attributes.size"]);
        Assert.Empty(IntakeValidator.Validate(intake with { Attributes = new() { ["size"] = "large" } }, city));
    }

    [Fact]
    public void An_unknown_district_is_reported()
    {
        var errors = Validate(DemoCity.Intake(district: "atlantis"));
        Assert.Equal(["district"], errors.Keys);
        Assert.Contains("atlantis", errors["district"][0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_description_is_reported(string description)
    {
        Assert.Equal(["description"], Validate(DemoCity.Intake(description: description)).Keys);
    }

    [Fact]
    public void A_missing_body_is_reported()
    {
        Assert.Equal(["body"], IntakeValidator.Validate(null, DemoCity.City).Keys);
    }

    public static TheoryData<string, CaseIntake> OverLongFields()
    {
        var ok = DemoCity.Intake();
        return new()
        {
            { "description", ok with { Description = new string('x', IntakeValidator.MaxDescription + 1) } },
            { "address", ok with { Address = new string('x', IntakeValidator.MaxAddress + 1) } },
            { "channel", ok with { Channel = new string('x', IntakeValidator.MaxShort + 1) } },
            { "originLine", ok with { OriginLine = new string('x', IntakeValidator.MaxShort + 1) } },
            { "citizen.name", ok with { Citizen = new CitizenContact(new string('x', IntakeValidator.MaxName + 1), null) } },
            { "attributes.k", ok with { Attributes = new() { ["k"] = new string('x', IntakeValidator.MaxAttributeValue + 1) } } },
            { "attributes", ok with { Attributes = Enumerable.Range(0, IntakeValidator.MaxAttributes + 1).ToDictionary(i => $"k{i}", i => "v") } },
            { "attachmentUrls", ok with { AttachmentUrls = Enumerable.Repeat("https://example.org/a.jpg", IntakeValidator.MaxAttachments + 1).ToArray() } },
        };
    }

    [Theory]
    [MemberData(nameof(OverLongFields))]
    public void An_over_long_field_is_reported_under_its_name(string field, CaseIntake intake)
    {
        Assert.Equal([field], Validate(intake).Keys);
    }

    [Fact]
    public void Values_at_the_limits_are_accepted()
    {
        var intake = DemoCity.Intake(description: new string('x', IntakeValidator.MaxDescription)) with
        {
            Address = new string('x', IntakeValidator.MaxAddress),
            Citizen = new CitizenContact(new string('x', IntakeValidator.MaxName), null),
        };
        Assert.Empty(Validate(intake));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12800138000")]
    [InlineData("1380013800a")]
    [InlineData("138001380001")]
    [InlineData("call me")]
    [InlineData("371-6666666")]
    public void A_malformed_phone_number_is_reported(string phone)
    {
        Assert.Equal(["citizen.phone"], Validate(DemoCity.Intake(phone: phone)).Keys);
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("+8613800138000")]
    [InlineData("86 19912345678")]
    [InlineData("0371-66668888")]
    [InlineData("037166668888")]
    [InlineData("010-12345678")]
    public void Mobile_and_landline_numbers_are_accepted(string phone)
    {
        Assert.Empty(Validate(DemoCity.Intake(phone: phone)));
    }

    [Fact]
    public void A_citizen_may_stay_anonymous()
    {
        Assert.Empty(Validate(DemoCity.Intake(phone: null) with { Citizen = new CitizenContact(null, null) }));
    }

    [Fact]
    public void Other_field_errors_are_reported_under_their_names()
    {
        var intake = DemoCity.Intake() with
        {
            Channel = "We Chat",
            Latitude = 91,
            Longitude = -181,
            Priority = (CasePriority)42,
            AttachmentUrls = ["ftp://example.org/a.jpg"],
        };
        Assert.Equal(["attachmentUrls", "channel", "lat", "long", "priority"], Validate(intake).Keys.Order());
    }

    [Fact]
    public void Several_errors_are_reported_together()
    {
        var errors = Validate(DemoCity.Intake(category: "nope", district: "nowhere", description: "", phone: "x"));
        Assert.Equal(["category", "citizen.phone", "description", "district"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(double.NaN, 113.6)]
    [InlineData(double.PositiveInfinity, 113.6)]
    [InlineData(34.7, double.NaN)]
    [InlineData(34.7, double.NegativeInfinity)]
    public void Coordinates_that_are_not_finite_numbers_are_refused(double lat, double lon)
    {
        var errors = Validate(DemoCity.Intake() with { Latitude = lat, Longitude = lon });
        Assert.Single(errors);
        Assert.Contains(errors.Keys.Single(), new[] { "lat", "long" });
    }

    [Theory]
    [InlineData("13800138000\n")]
    [InlineData("13800138000\r\n")]
    [InlineData("١٣٨٠٠١٣٨٠٠٠")]            // Arabic-Indic digits
    [InlineData("１３８００１３８０００")]      // full-width digits
    [InlineData("0371-６７１８００００")]
    public void A_phone_number_with_anything_but_ascii_digits_is_refused(string phone)
    {
        Assert.Equal(["citizen.phone"], Validate(DemoCity.Intake(phone: phone)).Keys);
    }
}

/// <summary>The citizen's e-mail and message language (R6).</summary>
public sealed class CitizenContactValidationTests
{
    [Theory]
    [InlineData("li.ming@example.cn", null)]
    [InlineData("a+b@mail.example.com", null)]
    [InlineData("not an address", "citizen.email")]
    [InlineData("Li <li@example.cn>", "citizen.email")]
    [InlineData("li@example.cn\n", "citizen.email")]
    [InlineData("li@localhost", "citizen.email")]
    public void An_email_is_one_plain_address(string email, string? error)
    {
        var errors = IntakeValidator.Validate(DemoCity.Intake() with { Citizen = new CitizenContact("Li", null, email) }, DemoCity.City);
        if (error is null) Assert.Empty(errors);
        else Assert.Contains(error, errors.Keys);
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("en", true)]
    [InlineData("fr", false)]
    [InlineData("EN", false)]
    public void The_language_is_one_the_city_has_messages_in(string language, bool valid)
    {
        var errors = IntakeValidator.Validate(DemoCity.Intake() with { Citizen = new CitizenContact("Li", "13800138000", null, language) }, DemoCity.City);
        Assert.Equal(valid, !errors.ContainsKey("citizen.language"));
    }
}
