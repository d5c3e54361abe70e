/**
 * Auth0 Action for the "Send Phone Message" (custom-phone-provider) trigger: hands the OTP notification to
 * FunctionsSender, which queues it and starts your Twilio Studio flow.
 *
 * Secrets (Action → Secrets):
 *   FUNCTIONS_SENDER_URL  https://<app>.azurewebsites.net/api/v1/providers/auth0/<senderId>
 *   FUNCTIONS_SENDER_KEY  the Function key (sent as header x-functions-key)
 *
 * FunctionsSender answers 202 once the notification is queued. Any other answer (400 problem+json naming the bad
 * field, 503 when storage is unreachable) or a timeout makes this Action throw, and Auth0 reports the delivery as failed.
 * Node 18+ (global fetch); no dependencies.
 */
const TIMEOUT_MS = 5000; // well under Auth0's 20 s limit for an Action

exports.onExecuteCustomPhoneProvider = async (event, api) => {
  const url = event.secrets.FUNCTIONS_SENDER_URL;
  const key = event.secrets.FUNCTIONS_SENDER_KEY;
  if (!url || !key) {
    throw new Error('FunctionsSender: set the FUNCTIONS_SENDER_URL and FUNCTIONS_SENDER_KEY secrets');
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'x-functions-key': key,
      },
      // Forwarded as it is: recipient, as_text, as_voice, code, delivery_method, locale, message_type, from.
      body: JSON.stringify({ notification: event.notification }),
      signal: controller.signal,
    });
  } catch (err) {
    throw new Error(`FunctionsSender unreachable: ${err.name === 'AbortError' ? 'timed out' : err.message}`);
  } finally {
    clearTimeout(timer);
  }

  if (response.status < 200 || response.status > 299) {
    // The problem+json names the field (e.g. "recipient"); it never contains the code.
    const detail = (await response.text()).slice(0, 500);
    throw new Error(`FunctionsSender refused the message: HTTP ${response.status} ${detail}`);
  }
};
