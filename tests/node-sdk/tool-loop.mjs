// Runs the emulator's scripted coding task with the official OpenAI Node SDK's ResponsesWS over one WebSocket:
// chains previous_response_id and sends only the new function_call_output items, until a turn has no calls.
// Usage: node tool-loop.mjs BASE_URL   (e.g. http://127.0.0.1:8089/v1). Prints one JSON line; exit 0 on success.
import OpenAI from 'openai';
import { ResponsesWS } from 'openai/resources/responses/ws';

const baseURL = process.argv[2];
const client = new OpenAI({ apiKey: 'sk-node-sdk-check', baseURL });
const ws = new ResponsesWS(client);
const tools = ['read_file', 'grep', 'list_dir', 'edit_file', 'run_tests']
  .map((name) => ({ type: 'function', name, parameters: { type: 'object', properties: {} } }));
const events = ws.stream();

async function nextEvent() {
  for (;;) {
    const { value, done } = await events.next();
    if (done) throw new Error('the connection closed mid-task');
    if (value.type === 'message') return value.message;
    if (value.type === 'error') throw value.error;
  }
}

let input = [{ role: 'user', content: 'The test PriceFormatterTests fails; fix it.' }];
let previous;
let turns = 0;
let calls = 0;
let text = '';
while (turns < 50) {
  ws.send({ type: 'response.create', model: 'gpt-5.5', store: false, tools, input, ...(previous ? { previous_response_id: previous } : {}) });
  let response;
  for (;;) {
    const event = await nextEvent();
    if (event.type === 'error') throw new Error('server error: ' + JSON.stringify(event));
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') {
      response = event.response;
      break;
    }
  }

  turns++;
  const functionCalls = response.output.filter((item) => item.type === 'function_call');
  if (functionCalls.length === 0) break;
  calls += functionCalls.length;
  input = functionCalls.map((call) => ({
    type: 'function_call_output',
    call_id: call.call_id,
    output: `${call.name}(${call.arguments}) → “ok” ✓\n`.repeat(32),
  }));
  previous = response.id;
}

ws.close();
console.log(JSON.stringify({ turns, calls, text_chars: text.length }));
process.exit(calls === 24 ? 0 : 1);
