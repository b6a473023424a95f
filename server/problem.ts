import type { FastifyReply } from 'fastify';
import type { Problem } from '../src/core/api/contract.js';

/** Problem types are documented URIs under /v1/problems/ (RFC 9457). */
export function problem(status: number, slug: string, title: string, detail?: string, instance?: string): Problem {
  return { type: `/v1/problems/${slug}`, title, status, ...(detail ? { detail } : {}), ...(instance ? { instance } : {}) };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).header('content-type', 'application/problem+json; charset=utf-8').header('cache-control', 'no-store').send(body);
}
