// Tests of the output matcher: exact text and integers, float precision and tolerance, elisions, errors, Unicode.
import Testing
@testable import UnrollLessons

@Suite struct OutputMatcherTests {
    let plain = OutputMatcher()

    @Test func textAndIntegersMatchExactly() {
        #expect(plain.matches(expected: ["torch.Size([4, 3])"], actual: ["torch.Size([4, 3])"]))
        #expect(!plain.matches(expected: ["torch.Size([4, 3])"], actual: ["torch.Size([4, 4])"]))
        #expect(!plain.matches(expected: ["weight_ih_l0"], actual: ["weight_ih_l1"]))
        #expect(!plain.matches(expected: ["10"], actual: ["10.0"]))
        #expect(!plain.matches(expected: ["1."], actual: ["1"]))
        #expect(!plain.matches(expected: ["a"], actual: ["a", "b"]))
    }

    @Test func floatsMatchWithinHalfAUnitOfThePrintedPrecision() {
        #expect(plain.matches(expected: ["tensor([0.1235, -0.5000])"], actual: ["tensor([0.1235, -0.5000])"]))
        #expect(!plain.matches(expected: ["tensor([0.1235])"], actual: ["tensor([0.1236])"]))
        #expect(plain.matches(expected: ["loss 0.25"], actual: ["loss 0.2549"]))
        #expect(plain.matches(expected: ["loss 0.25"], actual: ["loss 0.255"]))
        #expect(!plain.matches(expected: ["loss 0.25"], actual: ["loss 0.2551"]))
        #expect(plain.matches(expected: ["tensor([1.2346e-03])"], actual: ["tensor([1.23456e-03])"]))
        #expect(!plain.matches(expected: ["tensor([1.2346e-03])"], actual: ["tensor([1.2348e-03])"]))
        #expect(plain.matches(expected: ["tensor([-0.0000])"], actual: ["tensor([0.0000])"]))
        #expect(plain.matches(expected: ["tensor([1., 2.])"], actual: ["tensor([1., 2.])"]))
        #expect(!plain.matches(expected: ["tensor([1., 2.])"], actual: ["tensor([1, 2])"]))
    }

    @Test func toleranceIsAbsoluteBelowOneAndRelativeAbove() {
        let loose = OutputMatcher(tolerance: Tolerance(1e-3))
        #expect(loose.matches(expected: ["0.5000"], actual: ["0.5009"]))
        #expect(!loose.matches(expected: ["0.5000"], actual: ["0.5011"]))
        #expect(loose.matches(expected: ["1500.0"], actual: ["1501.4"]))
        #expect(!loose.matches(expected: ["1500.0"], actual: ["1501.6"]))
        #expect(!loose.matches(expected: ["1500"], actual: ["1501"]), "integers stay exact")
    }

    @Test func inlineElisionMatchesAnyTextButNotAcrossLines() {
        #expect(plain.matches(expected: ["tensor([[..]], grad_fn=<AddBackward0>)"], actual: ["tensor([[0.1, 0.2]], grad_fn=<AddBackward0>)"]))
        #expect(plain.matches(expected: ["[..]"], actual: ["anything at all"]))
        #expect(plain.matches(expected: ["a[..]b[..]c"], actual: ["a12b34bc"]))
        #expect(!plain.matches(expected: ["a[..]b"], actual: ["a12c"]))
        #expect(plain.matches(expected: ["Epoch 1 loss [..]"], actual: ["Epoch 1 loss 0.1234"]))
        #expect(plain.matches(expected: ["x = 0.12[..]"], actual: ["x = 0.12345 (approx)"]))
        #expect(!plain.matches(expected: ["[..]"], actual: ["a", "b"]))
    }

    @Test func lineElisionMatchesAnyNumberOfLines() {
        #expect(plain.matches(expected: ["first", "[...]", "last"], actual: ["first", "last"]))
        #expect(plain.matches(expected: ["first", "[...]", "last"], actual: ["first", "1", "2", "last"]))
        #expect(plain.matches(expected: ["[...]"], actual: []))
        #expect(plain.matches(expected: ["[...]", "x", "[...]"], actual: ["a", "x", "b"]))
        #expect(!plain.matches(expected: ["first", "[...]", "last"], actual: ["first", "1", "2"]))
        #expect(plain.matches(expected: ["  [...]"], actual: ["a"]), "indentation around the marker is allowed")
    }

    @Test func trailingWhitespaceAndBlankLineMarker() {
        #expect(plain.matches(expected: ["a   "], actual: ["a"]))
        #expect(plain.matches(expected: ["a"], actual: ["a \t"]))
        #expect(plain.matches(expected: ["a", "<BLANKLINE>", "b"], actual: ["a", "", "b"]))
        #expect(!plain.matches(expected: [" a"], actual: ["a"]), "leading whitespace matters")
    }

    @Test func unicodeComparesByCharacterAndNormalisation() {
        #expect(plain.matches(expected: ["h → tanh(W·x) 世界 ✓"], actual: ["h → tanh(W·x) 世界 ✓"]))
        #expect(plain.matches(expected: ["caf\u{E9}"], actual: ["cafe\u{301}"]), "canonically equivalent")
        #expect(plain.matches(expected: ["λ=[..]世"], actual: ["λ=0.5, 世"]))
        #expect(!plain.matches(expected: ["世界"], actual: ["世"]))
        #expect(plain.matches(expected: ["π≈3.14"], actual: ["π≈3.1416"]))
    }

    @Test func errorsCompareByTheirText() {
        let failed = ExecutionResult(output: "partial\n", error: "RuntimeError: size mismatch\n  x = a + b\n      ^")
        #expect(failed.lines == ["partial", "RuntimeError: size mismatch", "  x = a + b", "      ^"])
        #expect(plain.matches(expected: ["partial", "RuntimeError: size [..]", "[...]"], actual: failed.lines))
        #expect(!plain.matches(expected: ["partial", "TypeError: size mismatch", "[...]"], actual: failed.lines))
    }

    @Test func outputLinesDropTheFinalNewlineOnly() {
        #expect(outputLines("") == [])
        #expect(outputLines("a\n") == ["a"])
        #expect(outputLines("a\n\n") == ["a", ""])
        #expect(outputLines("a") == ["a"])
    }
}
