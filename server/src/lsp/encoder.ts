// Messages to the client as JSON (stdio), with each diagnostic encoded once. While typing, every
// analysis publishes all of a file's diagnostics again, and most are the objects the last
// publish held (lsp/diagnostics.ts makes one per finding, and a finding the edit left alone is
// kept): JSON.stringify of a 10,000-line file's 444 diagnostics cost 2.4 ms per keystroke, more
// than analyzing the edited function (issue 6). The bytes are the same JSON, keys in another order.
import type { Message, NotificationMessage } from 'vscode-languageserver/node';

const encoded = new WeakMap<object, string>();

/** The JSON text of an LSP message. */
export function encodeMessage(msg: Message): string {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown }) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return JSON.stringify(msg);
  const { diagnostics, ...rest } = params;
  const head = JSON.stringify({ ...n, params: rest }); // ...,"params":{...}}
  const list = diagnostics.map((d: object) => {
    let s = encoded.get(d);
    if (s === undefined) encoded.set(d, (s = JSON.stringify(d)));
    return s;
  });
  const open = head.endsWith('{}}') ? '' : ',';
  return `${head.slice(0, -2)}${open}"diagnostics":[${list.join(',')}]}}`;
}

/** vscode-jsonrpc's content type encoder for application/json, with encodeMessage. */
export const jsonEncoder = {
  name: 'application/json',
  encode: (msg: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> => {
    try {
      return Promise.resolve(Buffer.from(encodeMessage(msg), options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
