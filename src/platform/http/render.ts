import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';

// biome-ignore lint/suspicious/noExplicitAny: any element may be rendered as a page
type Page = VNode<any>;

import { renderToString } from 'preact-render-to-string';

/** Renders a full page; Preact omits the doctype, so it is written here once. */
export function renderPage(vnode: Page): string {
  return `<!DOCTYPE html>${renderToString(vnode)}`;
}

export function sendPage(reply: FastifyReply, vnode: Page, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(vnode));
}
