/**
 * What this Node's `JSON.parse` says of `text`. V8's wording differs between Node versions (Node 22
 * adds the line and column), and messages that quote it are asserted whole on every supported Node.
 */
export function jsonParseError(text: string): string {
    try {
        JSON.parse(text);
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error(`${JSON.stringify(text)} is valid JSON`);
}
