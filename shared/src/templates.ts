import type { LaneKind } from "./schema";

/** A starting layout for a new board: its lanes, left to right, and a few example cards. */
export interface BoardTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly lanes: readonly {
    readonly title: string;
    readonly kind: LaneKind;
    readonly cards?: readonly string[];
  }[];
}

/** The templates a board can be created from; `empty` is the default. */
export const BOARD_TEMPLATES = [
  {
    id: "empty",
    name: "Empty board",
    description: "Backlog, In progress and Done, nothing else.",
    lanes: [
      { title: "Backlog", kind: "backlog" },
      { title: "In progress", kind: "active" },
      { title: "Done", kind: "done" },
    ],
  },
  {
    id: "product-backlog",
    name: "Product backlog",
    description: "From raw ideas to shipped work, for a product team's week.",
    lanes: [
      { title: "Inbox", kind: "backlog", cards: ["Triage new customer requests"] },
      { title: "Backlog", kind: "backlog" },
      { title: "Ready", kind: "active" },
      { title: "In progress", kind: "active" },
      { title: "Shipped", kind: "done" },
    ],
  },
  {
    id: "roadmap",
    name: "Now / Next / Later roadmap",
    description: "A roadmap by horizon rather than by date.",
    lanes: [
      { title: "Now", kind: "active" },
      { title: "Next", kind: "backlog" },
      { title: "Later", kind: "backlog" },
      { title: "Done", kind: "done" },
    ],
  },
  {
    id: "workshop",
    name: "Workshop",
    description: "Collect ideas, discuss them together, leave with actions.",
    lanes: [
      { title: "Ideas", kind: "backlog" },
      { title: "Discuss", kind: "active" },
      { title: "Actions", kind: "done" },
    ],
  },
] as const satisfies readonly BoardTemplate[];

/** The id of one of BOARD_TEMPLATES. */
export type BoardTemplateId = (typeof BOARD_TEMPLATES)[number]["id"];

/** The ids of every template, for validation. */
export const BOARD_TEMPLATE_IDS = BOARD_TEMPLATES.map((template) => template.id) as [
  BoardTemplateId,
  ...BoardTemplateId[],
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): BoardTemplate | undefined {
  return BOARD_TEMPLATES.find((template) => template.id === id);
}
