using System.Reflection;

namespace Connector.Tests.TestSupport;

/// <summary>
/// Every test is bounded: a stuck peer (a socket that never answers, a process that never exits) must fail one test,
/// not hang the run. NUnit's <see cref="CancelAfterAttribute"/> on the fixture or on each test cancels the test's token
/// (<c>TestContext.CurrentContext.CancellationToken</c>, or the <see cref="CancellationToken"/> parameter), which the
/// tests forward to every peer call.
/// </summary>
[CancelAfter(120_000)]
public sealed class TestBoundsTests
{
    [Test]
    public void EveryTest_InTheAssembly_HasACancelAfterBound()
    {
        var unbounded = typeof(TestBoundsTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.IsDefined(typeof(TestAttribute)) || x.Method.IsDefined(typeof(TestCaseAttribute)) || x.Method.IsDefined(typeof(TestCaseSourceAttribute)))
            .Where(x => !x.Type.IsDefined(typeof(CancelAfterAttribute)) && !x.Method.IsDefined(typeof(CancelAfterAttribute)))
            .Select(x => $"{x.Type.Name}.{x.Method.Name}")
            .ToList();

        Assert.That(unbounded, Is.Empty, "tests without [CancelAfter] on the test or its fixture");
    }
}
