import * as z from "zod";
import { CloseCode } from "../protocol";
import { ROLES } from "../roles";

const closeFields = { code: z.literal(Object.values(CloseCode)), reason: z.string().max(200) };

/** The schema of a socket event as it arrives from another instance (checked, since it crossed a network). */
export const socketEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("close-session"), key: z.string(), ...closeFields }),
  z.object({
    type: z.literal("close-user-on-board"),
    boardId: z.string(),
    userId: z.string(),
    ...closeFields,
  }),
  z.object({ type: z.literal("close-board"), boardId: z.string(), ...closeFields }),
  z.object({ type: z.literal("set-role"), boardId: z.string(), userId: z.string(), role: z.enum(ROLES) }),
]);

/**
 * Something every instance must do to its own open sockets (sign-out, removal, board deletion, role change), so a
 * change made through one instance reaches sockets open on all of them.
 */
export type SocketEvent = z.infer<typeof socketEventSchema>;
