import { Server } from "@hocuspocus/server";

// The Hocuspocus reference server for `pnpm bench`: stock configuration (in memory, no persistence extension, no
// auth hook), on PORT. Documents are kept while a client is connected (unloadImmediately, the default).
const port = Number(process.env.PORT ?? 1234);
const server = new Server({ port, address: "127.0.0.1", quiet: true, stopOnSignals: true });
await server.listen();
process.stdout.write(`hocuspocus listening on ${port}\n`);
