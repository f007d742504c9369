// Golden tests of the terminal Markdown renderer: headings, emphasis, code, lists, quotes, tables, wrapping, styles.
import Testing
@testable import UnrollLessons

@Suite struct TerminalMarkdownTests {
    @Test func rendersPlainText() {
        let markdown = """
            # The RNN cell

            A cell keeps a **hidden state** `h` and updates it with *every* step; see [the docs](https://pytorch.org).

            ## Parameters

            - `weight_ih` has shape (H, F)
            - `weight_hh` has shape (H, H), and this item is long enough that it has to wrap onto a second line
              continued here
            1. first
            2. second

            > Note: tanh keeps values in (-1, 1).

            | name | shape | numel |
            |:-----|:-----:|------:|
            | weight_ih | (4, 3) | 12 |
            | bias_hh | (4,) | 4 |

            ```python
            rnn = nn.RNNCell(3, 4)
            ```

            ---
            """
        #expect(TerminalMarkdown.render(markdown, width: 50) == """
            The RNN cell
            ════════════

            A cell keeps a hidden state `h` and updates it
            with every step; see the docs
            (https://pytorch.org).

            Parameters
            ──────────

              - `weight_ih` has shape (H, F)
              - `weight_hh` has shape (H, H), and this item is
                long enough that it has to wrap onto a second
                line continued here
              1. first
              2. second

            │ Note: tanh keeps values in (-1, 1).

             name      │ shape  │ numel
            ───────────┼────────┼───────
             weight_ih │ (4, 3) │    12
             bias_hh   │  (4,)  │     4

                rnn = nn.RNNCell(3, 4)

            ──────────────────────────────────────────────────

            """)
    }

    @Test func wrapsByDisplayWidthWithWideCharacters() {
        let rendered = TerminalMarkdown.render("世界世界 世界世界 世界世界 ok", width: 20)
        #expect(rendered == "世界世界 世界世界\n世界世界 ok\n")
        #expect(displayWidth(of: "e\u{301}") == 1)
        #expect(displayWidth(of: "🙂") == 2)
    }

    @Test func breaksWordsLongerThanTheWidth() {
        #expect(TerminalMarkdown.render(String(repeating: "a", count: 45), width: 20)
            == String(repeating: "a", count: 20) + "\n" + String(repeating: "a", count: 20) + "\n" + "aaaaa\n")
    }

    @Test func stylesWithANSIWhenAsked() {
        #expect(TerminalMarkdown.render("Use **bold**, *it* and `x`.", width: 80, styled: true)
            == "Use \u{1B}[1mbold\u{1B}[0m, \u{1B}[3mit\u{1B}[0m and \u{1B}[36mx\u{1B}[0m.\n")
        #expect(TerminalMarkdown.render("# Title", width: 80, styled: true) == "\u{1B}[1;4mTitle\u{1B}[0m\n")
    }

    @Test func leavesUnderscoresInsideWordsAndEscapes() {
        #expect(TerminalMarkdown.render("weight_ih_l0 and _em_ and \\*star\\*", width: 80) == "weight_ih_l0 and em and *star*\n")
    }

    @Test func unbalancedMarkupIsKeptNotCrashed() {
        for text in ["**open", "`tick", "[link](", "| a |\n|---|", "*", "_", "# ", "1.", "> ", "```"] {
            _ = TerminalMarkdown.render(text, width: 10, styled: true)
        }
        #expect(TerminalMarkdown.render("**open", width: 80) == "**open\n")
        var generator = SystemRandomNumberGenerator()
        let pieces = ["*", "**", "_", "`", "[", "](", ")", "|", "---", "# ", "- ", "1. ", "> ", "```", "\n", " ", "世", "e\u{301}", "\\"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let rendered = TerminalMarkdown.render(text, width: Int.random(in: 1...30, using: &generator), styled: Bool.random(using: &generator))
            #expect(rendered.isEmpty || rendered.hasSuffix("\n"))
        }
    }
}
