/**
 * A small POSIX-shell reader for the scripts ironflow puts in pod commands
 * (`sh -c '<script>'`): enough to find curl's URL arguments and what a
 * command writes into a file. It is not a shell: no expansion is performed;
 * each word records whether it is a pure literal (no `$` or backtick
 * expansion outside single quotes).
 */

/** One shell word after quote removal. */
export interface Word {
  /** The text after quote removal (expansions are kept verbatim, e.g. `$HOME`). */
  value: string;
  /** True when no part of the word is subject to expansion. */
  literal: boolean;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `>|`. */
  op: string;
  target: Word;
}

export interface HereDoc {
  body: string;
  /** The body is literal (quoted delimiter, or no `$`/backtick in it). */
  literal: boolean;
}

/** One simple command: its words, redirections and here-documents. */
export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  heredocs: HereDoc[];
}

/** Commands joined by `|`. */
export type Pipeline = SimpleCommand[];

type Token = { kind: "word"; word: Word } | { kind: "op"; op: string } | { kind: "newline" };

const OPERATORS = ["&&", "||", ">>", "<<-", "<<", ">|", ">&", "<&", ";;", ";", "|", "&", ">", "<", "(", ")"];

function tokenize(src: string): { tokens: Token[]; heredocBodies: Map<number, HereDoc> } {
  const tokens: Token[] = [];
  const heredocBodies = new Map<number, HereDoc>();
  const pendingHeredocs: { tokenIndex: number; delim: string; quoted: boolean; stripTabs: boolean }[] = [];
  let i = 0;
  let cur: Word | undefined;
  const flush = (): void => {
    if (cur) tokens.push({ kind: "word", word: cur });
    cur = undefined;
  };
  const word = (): Word => (cur ??= { value: "", literal: true });

  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === "\n") {
      flush();
      tokens.push({ kind: "newline" });
      i++;
      // Here-document bodies start on the line after their operator.
      while (pendingHeredocs.length > 0) {
        const h = pendingHeredocs.shift()!;
        const lines: string[] = [];
        while (i <= src.length) {
          const end = src.indexOf("\n", i);
          const line = src.slice(i, end < 0 ? src.length : end);
          i = end < 0 ? src.length + 1 : end + 1;
          const cmp = h.stripTabs ? line.replace(/^\t+/, "") : line;
          if (cmp === h.delim) break;
          lines.push(cmp);
          if (end < 0) break;
        }
        const body = lines.join("\n");
        heredocBodies.set(h.tokenIndex, { body, literal: h.quoted || !/[$`]/.test(body) });
      }
      if (i > src.length) i = src.length;
      continue;
    }
    if (ch === " " || ch === "\t") {
      flush();
      i++;
      continue;
    }
    if (ch === "#" && !cur) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (ch === "\\") {
      if (src[i + 1] === "\n") {
        i += 2; // line continuation
        continue;
      }
      word().value += src[i + 1] ?? "";
      i += 2;
      continue;
    }
    if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      const stop = end < 0 ? src.length : end;
      word().value += src.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (ch === '"') {
      const w = word();
      i++;
      while (i < src.length && src[i] !== '"') {
        const c = src[i] as string;
        if (c === "\\" && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1] as string)) {
          if (src[i + 1] !== "\n") w.value += src[i + 1];
          i += 2;
          continue;
        }
        if (c === "$" || c === "`") w.literal = false;
        w.value += c;
        i++;
      }
      i++; // closing quote
      continue;
    }
    if (ch === "$" || ch === "`") {
      const w = word();
      w.literal = false;
      if (ch === "$" && src[i + 1] === "(") {
        // $( ... ) possibly nested: keep it verbatim.
        let depth = 0;
        const start = i;
        do {
          if (src[i] === "(") depth++;
          else if (src[i] === ")") depth--;
          i++;
        } while (i < src.length && depth > 0);
        w.value += src.slice(start, i);
        continue;
      }
      w.value += ch;
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      // `2>file`: a digits-only word right before a redirection is a file descriptor.
      if ((op.startsWith(">") || op.startsWith("<")) && cur && cur.literal && /^\d+$/.test(cur.value)) cur = undefined;
      flush();
      tokens.push({ kind: "op", op });
      i += op.length;
      if (op === "<<" || op === "<<-") {
        // Read the delimiter word now so its quoting is known.
        while (src[i] === " " || src[i] === "\t") i++;
        let delim = "";
        let quoted = false;
        while (i < src.length && !/[\s;&|<>()]/.test(src[i] as string)) {
          const c = src[i] as string;
          if (c === "'" || c === '"') {
            quoted = true;
            const end = src.indexOf(c, i + 1);
            const stop = end < 0 ? src.length : end;
            delim += src.slice(i + 1, stop);
            i = stop + 1;
          } else if (c === "\\") {
            quoted = true;
            delim += src[i + 1] ?? "";
            i += 2;
          } else {
            delim += c;
            i++;
          }
        }
        tokens.push({ kind: "word", word: { value: delim, literal: true } });
        pendingHeredocs.push({ tokenIndex: tokens.length - 2, delim, quoted, stripTabs: op === "<<-" });
      }
      continue;
    }
    word().value += ch;
    i++;
  }
  flush();
  return { tokens, heredocBodies };
}

/** Parse a script into pipelines of simple commands (lists split on `&&`, `||`, `;`, `&`, newlines). */
export function parseShell(src: string): Pipeline[] {
  const { tokens, heredocBodies } = tokenize(src);
  const pipelines: Pipeline[] = [];
  let pipeline: Pipeline = [];
  let cmd: SimpleCommand = { words: [], redirects: [], heredocs: [] };
  const endCommand = (): void => {
    if (cmd.words.length > 0 || cmd.redirects.length > 0 || cmd.heredocs.length > 0) pipeline.push(cmd);
    cmd = { words: [], redirects: [], heredocs: [] };
  };
  const endPipeline = (): void => {
    endCommand();
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] as Token;
    if (tok.kind === "word") {
      cmd.words.push(tok.word);
    } else if (tok.kind === "newline") {
      endPipeline();
    } else if (tok.op === "|") {
      endCommand();
    } else if (tok.op === "<<" || tok.op === "<<-") {
      k++; // the delimiter word
      const body = heredocBodies.get(k - 1);
      if (body) cmd.heredocs.push(body);
    } else if ([">", ">>", "<", ">|", ">&", "<&"].includes(tok.op)) {
      const next = tokens[k + 1];
      if (next && next.kind === "word") {
        cmd.redirects.push({ op: tok.op, target: next.word });
        k++;
      }
    } else {
      endPipeline(); // && || ; & ( ) ;;
    }
  }
  endPipeline();
  return pipelines;
}

/** The command name without a directory (`/usr/bin/curl` -> `curl`). */
export function commandName(cmd: SimpleCommand): string | undefined {
  // Skip leading VAR=value assignments and `exec`/`command` wrappers.
  for (const w of cmd.words) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value)) continue;
    if (w.value === "exec" || w.value === "command") continue;
    return w.value.split("/").pop();
  }
  return undefined;
}
