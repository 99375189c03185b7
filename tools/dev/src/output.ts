/** The runner's terminal output: its own messages and every child's lines, prefixed. */
export interface Output {
  /** A message from the runner itself. */
  say(message: string): void;
  /** Writes a child's line with its name as prefix. */
  line(name: string, text: string): void;
  /** Writes text as is. */
  raw(text: string): void;
}

const COLOURS = [36, 35, 33, 32, 34, 91, 96];

export function createOutput(options: {
  stream: NodeJS.WritableStream;
  colour: boolean;
  names: string[];
}): Output {
  const width = Math.max(3, ...options.names.map((n) => n.length));
  const colourOf = new Map(options.names.map((n, i) => [n, COLOURS[i % COLOURS.length] ?? 36]));
  const paint = (code: number, text: string): string =>
    options.colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  const prefix = (name: string, code: number): string => paint(code, `${name.padEnd(width)} |`);
  return {
    say: (message) => {
      for (const text of message.split('\n')) {
        options.stream.write(`${prefix('dev', 1)} ${text}\n`);
      }
    },
    line: (name, text) => {
      options.stream.write(`${prefix(name, colourOf.get(name) ?? 37)} ${text}\n`);
    },
    raw: (text) => {
      options.stream.write(text);
    },
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env['NO_COLOR'];
}
