using Connector.Segments;

namespace Connector.Tests.Segments;

/// <summary>The parser refuses bad input with the column and what it expected there; it never throws.</summary>
[CancelAfter(30_000)]
public sealed class SegmentParserTests
{
    [TestCase("", 1, "expected a condition")]
    [TestCase("contact.nme = \"x\"", 1, "unknown field 'contact.nme'")]
    [TestCase("contact.name = ", 16, "expected text after '='")]
    [TestCase("contact.name = 5", 16, "contact.name is text; expected text (in quotes), found '5'")]
    [TestCase("deal.amount > \"abc\"", 15, "deal.amount is a number")]
    [TestCase("contact.created = 2025-01-01", 17, "contact.created is a date; its operators are <, <=, >, >=")]
    [TestCase("deal.amount contains \"1\"", 13, "its operators are =, !=")]
    [TestCase("contact.name = \"Anna", 16, "text opened here is never closed")]
    [TestCase("contact.name = \"Anna\" and", 26, "expected a condition")]
    [TestCase("contact.name = \"Anna\" contact.id = 1", 23, "expected 'and', 'or' or the end, found 'contact.id'")]
    [TestCase("(contact.id = 1", 16, "expected ')' closing the '(' at column 1, found the end")]
    [TestCase("contact.id = 1)", 15, "expected 'and', 'or' or the end, found ')'")]
    [TestCase("contact.id in (1, 2", 20, "expected ',' and another value, or ')' closing the list")]
    [TestCase("contact.id in 1", 15, "expected '(' opening the list of values")]
    [TestCase("contact.name is full", 17, "expected 'empty' or 'not empty' after 'is'")]
    [TestCase("contact.name starts \"A\"", 21, "expected 'with' after 'starts'")]
    [TestCase("contact.name ~ \"A\"", 14, "unexpected character '~'")]
    [TestCase("contact.name ! \"A\"", 14, "expected '!='")]
    [TestCase("contact.created > 30 days", 26, "expected 'ago' after '30 days'")]
    [TestCase("contact.created > 2025-13-01", 19, "'2025-13-01' is not a date")]
    [TestCase("contact.id = 1.2.3", 14, "is not a number")]
    [TestCase("opened in 30 days", 11, "expected 'last' after 'in'")]
    [TestCase("opened in last days", 16, "expected a number of days")]
    [TestCase("opened in last 30 moons", 19, "expected days, weeks or hours")]
    [TestCase("opened since \"yesterday\"", 14, "expected a date after 'since'")]
    [TestCase("never contact.id = 1", 7, "expected 'opened' or 'clicked' after 'never'")]
    [TestCase("hard contact", 6, "expected 'bounced' after 'hard'")]
    [TestCase("unsubscribed from newsletter", 19, "expected the list's name in quotes")]
    [TestCase("segment vip", 9, "expected the saved segment's name in quotes")]
    [TestCase("in scenario welcome", 13, "expected the scenario's name in quotes")]
    [TestCase("in welcome", 4, "expected 'scenario' after 'in'")]
    [TestCase("any deal (contact.name = \"x\")", 11, "contact.name cannot stand inside any deal")]
    [TestCase("any deal (opened)", 11, "opened cannot stand inside any deal")]
    [TestCase("any deal (deal.stage = \"WON\"", 29, "expected ')' closing the '(' at column 10")]
    [TestCase("deal.custom.A.B = \"x\"", 1, "unknown field")]
    [TestCase("opened in last 999999 days", 16, "expected a whole number up to 100000")]
    public void Parse_BadInput_NamesTheColumnAndWhatWasExpected(string text, int column, string message)
    {
        var result = SegmentParser.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Expression, Is.Null);
            Assert.That(result.Error?.Column, Is.EqualTo(column), result.Error?.ToString());
            Assert.That(result.Error?.Message, Does.Contain(message));
        });
    }

    [Test]
    public void Parse_DeepNestingOrLongText_IsRefusedNotAStackOverflow()
    {
        var deep = SegmentParser.Parse(new string('(', 3000) + "opened" + new string(')', 3000));
        var nots = SegmentParser.Parse(string.Concat(Enumerable.Repeat("not ", 2000)) + "opened");
        var longText = SegmentParser.Parse(new string(' ', SegmentParser.MaxLength) + "opened");

        Assert.Multiple(() =>
        {
            Assert.That(deep.Error?.Message, Does.Contain("nested more than 64 deep"));
            Assert.That(nots.Error?.Message, Does.Contain("nested more than 64 deep"));
            Assert.That(longText.Error?.Message, Does.Contain("at most 10000 characters"));
        });
    }

    [Test]
    public void Parse_Precedence_NotThenAndThenOr()
    {
        var tree = SegmentParser.Parse("not opened and clicked or suppressed").Expression;

        Assert.That(tree, Is.TypeOf<SegmentExpression.Either>());
        var or = (SegmentExpression.Either)tree!;
        Assert.Multiple(() =>
        {
            Assert.That(or.Right, Is.TypeOf<SegmentExpression.Engagement>());
            Assert.That(or.Left, Is.TypeOf<SegmentExpression.Both>());
            Assert.That(((SegmentExpression.Both)or.Left).Left, Is.TypeOf<SegmentExpression.Negated>());
        });
    }

    [TestCase("Contact.Name = \"a\" AND Opened In Last 3 Days")]
    [TestCase("deal.custom.UF_CRM_Y starts with 'x' or contact.custom.uf_crm_x is not empty")]
    [TestCase("deal.amount >= -10.5 and deal.amount != 0")]
    [TestCase("contact.created > 2 weeks ago and contact.modified <= today")]
    [TestCase("segment \"vip\" and not segment 'churned'")]
    public void Parse_ValidInput_GivesATree(string text)
    {
        var result = SegmentParser.Parse(text);

        Assert.That(result.Error, Is.Null, result.Error?.ToString());
    }
}
