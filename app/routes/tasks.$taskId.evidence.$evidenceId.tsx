/**
 * Downloads one evidence file: signed-in users only, as an attachment (never rendered inline), with
 * the type recorded at upload and only after the stored bytes still match their SHA-256.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { appToday, notFound, requireUser, requirePermission, parseId } from "~/auth/request.server";
import { db } from "~/db.server";
import { contentDisposition, readEvidence } from "~/evidence-storage.server";
import { getEvidence, getTask } from "~/models/task.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const taskId = parseId(params.taskId);
  const evidenceId = parseId(params.evidenceId);
  const task = await getTask(db(), taskId, appToday());
  if (!task) notFound();
  requirePermission(user, "task:read", { unitId: task.leadUnitId ?? undefined });
  const evidence = await getEvidence(db(), taskId, evidenceId);
  if (!evidence || evidence.kind !== "file" || !evidence.storageKey || !evidence.sha256 || !evidence.fileName) notFound();

  const file = await readEvidence(evidence.storageKey, evidence.sha256);
  if (!file.ok) {
    if (file.error === "missing") notFound();
    // The bytes on disk no longer match what was uploaded: refuse to hand out a tampered or damaged file.
    console.error(`Evidence ${evidence.id} of task ${taskId}: stored file fails its SHA-256 check`);
    throw new Response("Evidence file damaged", { status: 500 });
  }
  const body = new Uint8Array(file.bytes);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": evidence.mimeType ?? "application/octet-stream",
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(evidence.fileName),
      // nosniff and the site CSP come from the server; this stricter policy is added on top of it.
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ETag: `"sha256-${evidence.sha256}"`,
      "Repr-Digest": `sha-256=:${Buffer.from(evidence.sha256, "hex").toString("base64")}:`,
    },
  });
}
