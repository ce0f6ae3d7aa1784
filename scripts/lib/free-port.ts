import net from "node:net";

/** A TCP port that is free right now: the OS picks one for a throwaway listener, which is closed again. */
export async function freePort(host?: string): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    // No host: the same unspecified address a server listening on just a port would take.
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
