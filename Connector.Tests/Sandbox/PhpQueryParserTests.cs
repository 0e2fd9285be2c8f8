using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class PhpQueryParserTests
{
    [TestCase("filter%5B%3EID%5D=5&select%5B%5D=ID&select%5B%5D=NAME", """{"filter":{">ID":"5"},"select":["ID","NAME"]}""")]
    [TestCase("a[b][c]=1&a[b][d]=2", """{"a":{"b":{"c":"1","d":"2"}}}""")]
    [TestCase("fields[EMAIL][0][VALUE]=x%40y.ru&fields[EMAIL][0][VALUE_TYPE]=WORK", """{"fields":{"EMAIL":[{"VALUE":"x@y.ru","VALUE_TYPE":"WORK"}]}}""")]
    [TestCase("order[ID]=ASC&start=-1&name=a+b", """{"order":{"ID":"ASC"},"start":"-1","name":"a b"}""")]
    [TestCase("ids[5]=x&ids[]=y", """{"ids":{"5":"x","6":"y"}}""")]
    [TestCase("", "{}")]
    public void Parse_BracketKeys_YieldsJsonTree(string query, string expectedJson)
    {
        var actual = PhpQueryParser.Parse(query);

        Assert.That(actual.ToJsonString(), Is.EqualTo(JsonNode.Parse(expectedJson)!.ToJsonString()));
    }
}
