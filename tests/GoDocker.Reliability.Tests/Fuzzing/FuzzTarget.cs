using GoDocker.Core.Diagnostics;

namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>
/// Feeds one input to a parser under the time bound and holds it to the contract: it accepts, or it throws its own
/// error type whose diagnostics all point into the file. Any other exception is a crash and fails the test.
/// </summary>
public static class FuzzTarget
{
    public static void Check<TRejection>(string file, byte[] data, Action<byte[]> parse,
        Func<TRejection, IReadOnlyList<Diagnostic>> diagnosticsOf, Func<string> describe)
        where TRejection : Exception
    {
        var rejections = BoundedRun.Run<IReadOnlyList<Diagnostic>>(() =>
        {
            try
            {
                parse(data);
                return [];
            }
            catch (TRejection e)
            {
                return diagnosticsOf(e);
            }
            catch (Exception e)
            {
                Assert.Fail($"crashed with {e.GetType().Name} instead of {typeof(TRejection).Name}: {e.Message}\non {Describe.Short(describe())}\n{e.StackTrace}");
                throw;
            }
        }, describe);
        // An accepted file holds trivially here; the Core tests check what accepted files mean.
        RejectionContract.Holds(rejections, file, RejectionContract.LineCount(data), describe());
    }
}
