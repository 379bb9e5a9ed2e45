// Renders the book's formulas with KaTeX at build time, so pages need no JavaScript.
// stdin:  [{ "tex": "x^2", "display": false }, ...]
// stdout: [{ "html": "<span class=\"katex\">..." } or { "error": "KaTeX parse error: ..." }, ...]
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ tex, display }) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
    } catch (e) {
      return { error: String(e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
