import type { AddressInfo } from "node:net";
import { Server, utils } from "ssh2";

const { STATUS_CODE } = utils.sftp;

export type SftpFixture = {
  port: number;
  /** Files by absolute path; change them between reads. */
  files: Map<string, { data: Buffer; mtime: number }>;
  close(): Promise<void>;
};

/**
 * A real SFTP server (ssh2's Server) on 127.0.0.1 serving in-memory files to one user with a
 * password; read-only: open, read, stat, list a directory. A new key each start unless given one.
 */
export async function startSftpServer(options: {
  username: string;
  password: string;
  hostKey?: string;
}): Promise<SftpFixture & { hostKey: string }> {
  const hostKey = options.hostKey ?? utils.generateKeyPairSync("ed25519").private;
  const files = new Map<string, { data: Buffer; mtime: number }>();
  const attrsOf = (f: { data: Buffer; mtime: number }) => ({
    mode: 0o100644,
    uid: 0,
    gid: 0,
    size: f.data.length,
    atime: f.mtime,
    mtime: f.mtime,
  });
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    client.on("error", () => undefined);
    client.on("authentication", (ctx) => {
      if (ctx.method === "password" && ctx.username === options.username && ctx.password === options.password)
        ctx.accept();
      else ctx.reject(["password"]);
    });
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        acceptSession().on("sftp", (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, { path: string; listed?: boolean }>();
          let next = 0;
          const handle = (reqid: number, path: string) => {
            const id = next++;
            handles.set(id, { path });
            const buf = Buffer.alloc(4);
            buf.writeUInt32BE(id);
            sftp.handle(reqid, buf);
          };
          const opened = (buf: Buffer) => handles.get(buf.readUInt32BE(0));
          const dirEntries = (dir: string) =>
            [...files.entries()]
              .filter(([p]) => p.slice(0, p.lastIndexOf("/") || 1) === dir)
              .map(([p, f]) => {
                const name = p.slice(p.lastIndexOf("/") + 1);
                return {
                  filename: name,
                  longname: `-rw-r--r-- 1 0 0 ${f.data.length} Jan 1 00:00 ${name}`,
                  attrs: attrsOf(f),
                };
              });
          sftp.on("REALPATH", (reqid, path) =>
            sftp.name(reqid, [{ filename: path === "." ? "/" : path, longname: "", attrs: {} as never }]),
          );
          sftp.on("STAT", (reqid, path) => {
            const f = files.get(path);
            if (f) sftp.attrs(reqid, attrsOf(f));
            else if (dirEntries(path).length > 0)
              sftp.attrs(reqid, { mode: 0o40755, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 });
            else sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
          });
          sftp.on("LSTAT", (reqid, path) => sftp.emit("STAT", reqid, path));
          sftp.on("OPEN", (reqid, path) =>
            files.has(path) ? handle(reqid, path) : sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE),
          );
          sftp.on("FSTAT", (reqid, h) => {
            const f = files.get(opened(h)?.path ?? "");
            if (f) sftp.attrs(reqid, attrsOf(f));
            else sftp.status(reqid, STATUS_CODE.FAILURE);
          });
          sftp.on("READ", (reqid, h, offset, length) => {
            const f = files.get(opened(h)?.path ?? "");
            if (!f) return sftp.status(reqid, STATUS_CODE.FAILURE);
            if (offset >= f.data.length) return sftp.status(reqid, STATUS_CODE.EOF);
            sftp.data(reqid, f.data.subarray(offset, offset + length));
          });
          sftp.on("OPENDIR", (reqid, path) => handle(reqid, path.replace(/\/$/, "") || "/"));
          sftp.on("READDIR", (reqid, h) => {
            const state = opened(h);
            if (!state || state.listed) return sftp.status(reqid, STATUS_CODE.EOF);
            state.listed = true;
            sftp.name(reqid, dirEntries(state.path));
          });
          sftp.on("CLOSE", (reqid, h) => {
            handles.delete(h.readUInt32BE(0));
            sftp.status(reqid, STATUS_CODE.OK);
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    files,
    hostKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
