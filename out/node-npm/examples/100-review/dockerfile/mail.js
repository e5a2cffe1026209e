// Mail goes out through the provider's HTTP API (SendGrid's v3 mail/send), not through SMTP.
import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';

// Every setting comes from the environment; the key from werf secret values.
const apiUrl = process.env.MAIL_API_URL;
const apiKey = process.env.MAIL_API_KEY;
const sender = process.env.MAIL_FROM;
// Three tries, 0.5 s and 1 s apart, each given 5 s: a short outage of the provider is bridged,
// and a user waits at most about 17 s before hearing that the mail did not go.
const ATTEMPTS = 3;
const TIMEOUT_MS = 5000;

export class MailError extends Error {}

export async function sendMail({ to, subject, text }) {
  const body = JSON.stringify({
    personalizations: [{ to: [{ email: to }] }],
    from: { email: sender },
    subject,
    content: [{ type: 'text/plain', value: text }],
  });
  let reason = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const answer = await fetch(apiUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (answer.ok) return;
      // 4xx (but 429) means the request itself is wrong: a bad key or address; a retry repeats it
      if (answer.status < 500 && answer.status !== 429) throw new MailError(`the mail provider refused the message: HTTP ${answer.status}`);
      reason = `HTTP ${answer.status}`;
    } catch (error) {
      if (error instanceof MailError) throw error;
      reason = error.cause?.code ?? error.message; // the network or the timeout
    }
    console.warn(`mail provider, attempt ${attempt} of ${ATTEMPTS}: ${reason}`);
    if (attempt < ATTEMPTS) await sleep(500 * 2 ** (attempt - 1));
  }
  throw new MailError(`the mail provider did not take the message after ${ATTEMPTS} attempts: ${reason}`);
}

export const mail = express.Router();

mail.post('/mail', express.json(), async (req, res) => {
  try {
    await sendMail(req.body);
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    console.error(error.message);
    return res.status(502).json({ error: error.message });
  }
  res.status(202).json({ status: 'sent' });
});
