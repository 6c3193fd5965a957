import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { binaryFrame, canWriteFramed, sendBinary } from "./preframed";

const servers: WebSocketServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A real ws server and a real ws client connected to it; resolves with the server's end of the socket. */
async function connectedPair(
  perMessageDeflate: boolean,
): Promise<{ serverSide: WebSocket; client: WebSocket }> {
  const server = new WebSocketServer({ port: 0, perMessageDeflate });
  servers.push(server);
  await new Promise((listening) => server.once("listening", listening));
  const serverSide = new Promise<WebSocket>((accepted) => server.once("connection", accepted));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, {
    perMessageDeflate,
  });
  await new Promise((open) => client.once("open", open));
  return { serverSide: await serverSide, client };
}

function receive(client: WebSocket, count: number): Promise<Buffer[]> {
  const messages: Buffer[] = [];
  return new Promise((done, fail) => {
    client.on("error", fail);
    client.on("message", (data, isBinary) => {
      if (!isBinary) fail(new Error("text frame"));
      messages.push(data as Buffer);
      if (messages.length === count) done(messages);
    });
  });
}

function payloadOf(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 31 + length) % 256);
}

describe("sendBinary", () => {
  // Every length boundary of RFC 6455's payload-length field: 7-bit, 16-bit and 64-bit forms.
  const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 300_000];

  it("delivers payloads of every header size byte for byte to a stock ws client, in order", async () => {
    const { serverSide, client } = await connectedPair(false);
    expect(canWriteFramed(serverSide)).toBe(true);
    const payloads = lengths.map(payloadOf);
    const received = receive(client, payloads.length);
    for (const payload of payloads) sendBinary(serverSide, payload);
    const messages = await received;
    expect(messages.map((message) => message.byteLength)).toEqual(lengths);
    expect(messages.map((message) => new Uint8Array(message))).toEqual(payloads);
    client.close();
  });

  it("keeps order with ws's own sends on the same socket", async () => {
    const { serverSide, client } = await connectedPair(false);
    const received = receive(client, 4);
    sendBinary(serverSide, Uint8Array.of(1));
    serverSide.send(Uint8Array.of(2));
    sendBinary(serverSide, Uint8Array.of(3));
    serverSide.send(Uint8Array.of(4));
    expect((await received).map((message) => message[0])).toEqual([1, 2, 3, 4]);
    client.close();
  });

  it("falls back to ws.send when permessage-deflate was negotiated (its frames are compressed)", async () => {
    const { serverSide, client } = await connectedPair(true);
    expect(serverSide.extensions).toContain("permessage-deflate");
    expect(canWriteFramed(serverSide)).toBe(false);
    const payload = payloadOf(2_000);
    const received = receive(client, 1);
    sendBinary(serverSide, payload);
    const [message] = await received;
    expect(message && new Uint8Array(message)).toEqual(payload);
    client.close();
  });

  it("writes nothing once the socket is closing", async () => {
    const { serverSide, client } = await connectedPair(false);
    const messages: Buffer[] = [];
    client.on("message", (data) => messages.push(data as Buffer));
    const closed = new Promise((done) => client.once("close", done));
    serverSide.close(1000, "bye");
    expect(canWriteFramed(serverSide)).toBe(false);
    sendBinary(serverSide, Uint8Array.of(9));
    await closed;
    expect(messages).toEqual([]);
  });

  it("counts frames written directly in bufferedAmount (the slow-consumer guard reads it)", async () => {
    const { serverSide, client } = await connectedPair(false);
    client.pause();
    const big = payloadOf(4 * 1024 * 1024);
    for (let i = 0; i < 8; i++) sendBinary(serverSide, big);
    expect(serverSide.bufferedAmount).toBeGreaterThan(1024 * 1024);
    client.terminate();
  });
});

describe("binaryFrame", () => {
  it("frames one payload once, however many sockets it is sent to", () => {
    const payload = payloadOf(10);
    expect(binaryFrame(payload)).toBe(binaryFrame(payload));
    expect(binaryFrame(payloadOf(10))).not.toBe(binaryFrame(payload));
  });
});
