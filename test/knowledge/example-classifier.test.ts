import { describe, expect, it } from 'vitest';
import { ExampleClassifier } from '../../src/knowledge/example-classifier';

describe('ExampleClassifier', () => {
  // Written for this test: two routines and how people might ask for them.
  const examples = {
    anonymity: ['can the guest find out it was me who told', 'will they know it was me', 'do I have to give my name', 'is my name kept secret'],
    costs: ['who pays for her room and food', 'can we get the money back for the shelter', 'who covers the costs while she decides'],
  };
  const classifier = ExampleClassifier.train(examples, 'en');

  it('tells which routine a message resembles, though it shares no word with the routine itself', () => {
    const p = classifier.classify('what if the man finds out it was me');
    expect(p.get('anonymity')).toBeGreaterThan(p.get('costs') as number);
    const q = classifier.classify('who is pay for the food of the woman');
    expect(q.get('costs')).toBeGreaterThan(q.get('anonymity') as number);
  });

  it('gives probabilities that add up to one', () => {
    const p = classifier.classify('will the guest know my name');
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('says nothing about a message with no word any example uses, or without examples', () => {
    expect(classifier.classify('printer paper jammed').size).toBe(0);
    expect(ExampleClassifier.train({}, 'sv').classify('vem betalar').size).toBe(0);
  });

  it('reads a room number or a year as any number, and keeps the numbers the routines use', () => {
    const rooms = ExampleClassifier.train(
      { outside: ['the tv in room 204 is broken', 'the heater in room 311 is cold'], police: ['should I call 112 or 114 14', 'a man is hitting a woman in room 118'] },
      'en',
      undefined,
      1,
      new Set(['112', '114', '14']),
    );
    // Three rooms in a routine's examples, two in the others': which room it is says nothing.
    expect(rooms.classify('room 118').get('outside')).toBeCloseTo(rooms.classify('room 204').get('outside') as number, 10);
    expect(rooms.classify('is it 112').get('police')).toBeGreaterThan(0.5);
  });

  it('reads examples as messages are read (the same spelling correction)', () => {
    const corrected = ExampleClassifier.train({ costs: ['who pays for teh shelter'] , anonymity: ['keep my name secret'] }, 'en', (t) => t.replace('teh', 'the'));
    expect(corrected.classify('who pays for the shelter').get('costs')).toBeGreaterThan(0.5);
  });
});
