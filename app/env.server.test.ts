import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, trustProxySetting } from "./env.server";

/** The client address Express derives under a TRUST_PROXY value, for a request from 127.0.0.1 (the proxy). */
async function clientIp(trustProxy: string, forwardedFor: string): Promise<string> {
  const app = express();
  app.set("trust proxy", trustProxySetting(parseEnv({ TRUST_PROXY: trustProxy }).TRUST_PROXY));
  app.get("/", (req, res) => void res.send(req.ip));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": forwardedFor } });
    return await response.text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("TRUST_PROXY", () => {
  it("trusts exactly the configured hops: the client's own X-Forwarded-For entries are never believed", async () => {
    // The client wrote 6.6.6.6; the one proxy (127.0.0.1) appended the address it saw, 1.2.3.4.
    expect(await clientIp("1", "6.6.6.6, 1.2.3.4")).toBe("1.2.3.4");
    expect(await clientIp("true", "6.6.6.6, 1.2.3.4")).toBe("1.2.3.4");
    // Two proxies: the second appended what the first saw.
    expect(await clientIp("2", "6.6.6.6, 1.2.3.4, 10.0.0.7")).toBe("1.2.3.4");
    expect(await clientIp("false", "6.6.6.6, 1.2.3.4")).toBe("127.0.0.1");
    expect(await clientIp("0", "6.6.6.6, 1.2.3.4")).toBe("127.0.0.1");
  });

  it("accepts the proxies' addresses or CIDRs, trusting only those", async () => {
    expect(await clientIp("127.0.0.1", "6.6.6.6, 1.2.3.4")).toBe("1.2.3.4");
    expect(await clientIp("loopback, 10.0.0.0/8", "6.6.6.6, 1.2.3.4, 10.0.0.7")).toBe("1.2.3.4");
    expect(await clientIp("10.0.0.5", "6.6.6.6, 1.2.3.4")).toBe("127.0.0.1");
    expect(trustProxySetting("10.0.0.5, fd00::/8")).toEqual(["10.0.0.5", "fd00::/8"]);
  });

  it("refuses anything else at boot, naming the variable", () => {
    for (const bad of ["yes", "all", "10.0.0.0/33", "10.0.0.256", "1.2.3.4,", "-1", "999"]) {
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(EnvError);
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
