// Binary fixtures are stored as gzip in base64 (JSON imports): their bytes back, in Node and Chromium alike.
export async function gunzipBase64(base64: string): Promise<Uint8Array> {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
}
