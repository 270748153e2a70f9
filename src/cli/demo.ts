// The walkthrough (`npm start`): the worked examples of the lecture decks, section by section.
// `optima demo [word…]` runs only the sections whose titles contain one of the words.
/// <reference types="node" />
import { backend } from '../index.js';
import { SECTIONS } from './demo/index.js';

export async function runDemo(args: string[]): Promise<void> {
  const words = args.filter((a) => !a.startsWith('-')).map((a) => a.toLowerCase());
  const chosen = words.length ? SECTIONS.filter((s) => words.some((w) => s.title.toLowerCase().includes(w))) : SECTIONS;
  console.log(`optima walkthrough (backend: ${backend})`);
  for (const [i, s] of chosen.entries()) {
    console.log(`\n${'═'.repeat(100)}\n${i + 1}. ${s.title}\n${'═'.repeat(100)}\n`);
    await s.run();
  }
}
