import { estimateSpread, type readBoard } from "@converge/shared";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { VoteBadges } from "./VoteBadges";

afterEach(cleanup);

type BoardCard = NonNullable<ReturnType<ReturnType<typeof readBoard>["cards"]["get"]>>;
const card = (fields: Partial<BoardCard>) => ({ votes: null, estimateSpread: null, ...fields }) as BoardCard;

describe("VoteBadges", () => {
  it("shows a revealed dot total and a poker spread, or consensus, on the card", () => {
    render(<VoteBadges card={card({ votes: 3, estimateSpread: estimateSpread("fibonacci", [2, 8, 3]) })} />);
    expect(screen.getByTestId("badge-votes").textContent).toBe("● 3 dots");
    expect(screen.getByTestId("badge-estimate").textContent).toBe("estimates 2–8 spread, median 3");
    cleanup();
    render(<VoteBadges card={card({ estimateSpread: estimateSpread("tshirt", ["M", "M"]) })} />);
    expect(screen.getByTestId("badge-estimate").textContent).toBe("estimates ✓ M consensus");
    expect(screen.queryByTestId("badge-votes")).toBeNull();
  });

  it("shows nothing before any reveal", () => {
    const { container } = render(<VoteBadges card={card({})} />);
    expect(container.textContent).toBe("");
  });
});
