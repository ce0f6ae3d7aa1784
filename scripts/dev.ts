/**
 * npm run dev — rebuilds on every change (remix watch) and restarts the server when the build
 * changes. Same database handling as `npm start` (migrate, demo data on first start).
 */
import { spawn } from "node:child_process";
import { runBuild } from "./lib/build";

process.env.NODE_ENV = "development";
runBuild();
const children = [
  spawn("npx", ["remix", "watch"], { stdio: "inherit", env: process.env }),
  spawn("npx", ["tsx", "watch", "--clear-screen=false", "--include", "./build/index.js", "scripts/start.ts"], {
    stdio: "inherit",
    env: { ...process.env, SKIP_BUILD: "1" },
  }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
