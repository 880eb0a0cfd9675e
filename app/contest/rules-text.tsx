/**
 * The rules as the admin typed them: one paragraph per line; consecutive lines starting with
 * "- " or "1. " become a list. Plain text only, so nothing typed can inject markup.
 */
export function RulesText({ text }: { text: string }) {
  const blocks: ({ kind: "p"; text: string } | { kind: "ul" | "ol"; items: string[] })[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = /^[-•*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    const kind = bullet ? "ul" : numbered ? "ol" : "p";
    const content = (bullet ?? numbered)?.[1] ?? line;
    const last = blocks[blocks.length - 1];
    if (kind !== "p" && last && last.kind === kind) last.items.push(content);
    else if (kind === "p") blocks.push({ kind, text: content });
    else blocks.push({ kind, items: [content] });
  }
  return (
    <>
      {blocks.map((block, i) =>
        block.kind === "p" ? (
          <p key={i}>{block.text}</p>
        ) : block.kind === "ul" ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <ol key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ol>
        ),
      )}
    </>
  );
}
