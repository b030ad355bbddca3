namespace Grader.Tests.Engine;

/// <summary>
/// The course functions of FORMAT.md section 5 (values of rank 3 and 4, batched matmul, the elementwise, creation,
/// shape, reduction, convolution, pooling, normalisation and indexing functions, inf in masks) against PyTorch float64:
/// forward values, their shapes and the gradients of every input, ties and kinks included, computed outside the
/// project by Fixtures/torch/make_course_fixtures.py (whose header lists the conventions) and committed as course.json.
/// </summary>
public class CourseFixtureTests
{
    public static IEnumerable<TorchFixture> Fixtures() => TorchFixtures.Load("course.json");

    [TestCaseSource(nameof(Fixtures))]
    public void Engine_AgreesWithPyTorch(TorchFixture f) => TorchFixtures.AssertAgrees(f, rel: 1e-10, abs: 1e-12, shapes: true);
}
