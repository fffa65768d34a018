import type { PlaceholderName } from './article';

export type PlaceholderValues = Readonly<Record<PlaceholderName, string>>;

/**
 * Fill `{{localCoordinator}}`-style placeholders. Values come from the municipality's configuration,
 * or a neutral description ("the local coordinator") when it has none: never an invented number.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) => values[name as PlaceholderName] ?? whole);
}
