/** Each part with its character offset in the snippet: a stable key (parts never reorder). */
function withOffsets(parts: { text: string; hit: boolean }[]) {
  let at = 0;
  return parts.map((p) => {
    const r = { ...p, at };
    at += p.text.length;
    return r;
  });
}

/** Highlighted search snippet: parts marked as hits render in <mark>; text is never interpreted as HTML. */
export function Snippet({ parts }: { parts?: { text: string; hit: boolean }[] }) {
  if (!parts?.length) return null;
  return (
    <div style={{ color: '#444', fontSize: 15, marginTop: 4 }}>
      {withOffsets(parts).map((p) => (p.hit ? <mark key={p.at}>{p.text}</mark> : <span key={p.at}>{p.text}</span>))}
    </div>
  );
}
