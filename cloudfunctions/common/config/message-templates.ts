/**
 * The shop's subscribe-message templates, from the function environment variable SHOP_MESSAGE_TEMPLATES:
 * `{"shipped":"<template id>","refundResult":"<template id>","closingSoon":"<template id>"}`. An event without
 * a template is simply never sent. The keywords each template must have are in domain/subscribe-messages.ts.
 */
import { MESSAGE_EVENTS, type MessageEvent, type MessageTemplate } from '../../../types/messages';

const TEMPLATE_ID = /^[A-Za-z0-9_-]{10,64}$/;

export function readMessageTemplates(env: NodeJS.ProcessEnv = process.env): MessageTemplate[] {
  const text = env.SHOP_MESSAGE_TEMPLATES?.trim();
  if (!text) return [];
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const templates: MessageTemplate[] = [];
  for (const [event, templateId] of Object.entries(parsed)) {
    if (!MESSAGE_EVENTS.includes(event as MessageEvent))
      throw new Error(`SHOP_MESSAGE_TEMPLATES: unknown event ${JSON.stringify(event)}`);
    if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId))
      throw new Error(`SHOP_MESSAGE_TEMPLATES: ${event} needs a template id`);
    templates.push({ event: event as MessageEvent, templateId });
  }
  return templates;
}
