import { GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';
import ollama from 'ollama';

const gemini = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });

export async function compare(prompt: string) {
  const closed = await gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: prompt });
  const hosted = await mistral.chat.complete({ model: 'mistral-large-latest', messages: [{ role: 'user', content: prompt }] });
  const local = await ollama.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: prompt }] });
  return { closed: closed.text, hosted: hosted.choices?.[0]?.message?.content, local: local.message.content };
}
