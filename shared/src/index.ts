export {
  addTeam,
  DEFAULT_SCORING_MODEL,
  DEFAULT_TEAMS,
  MAX_TEAM_NAME_LENGTH,
  MAX_TEAMS,
  MAX_VOTE_BUDGET,
  removeTeam,
  renameTeam,
  setScoringModel,
  setVoteBudget,
} from "./boardSettings";
export type { CardFields, CardFieldsPatch, CardType, Impact } from "./cardFields";
export {
  CARD_FIELD_NAMES,
  CARD_TYPE_LABELS,
  CARD_TYPES,
  CONFIDENCE_PRESETS,
  HORIZONS,
  IMPACT_VALUES,
  isIsoDate,
  MAX_LABEL_LENGTH,
  MAX_LABELS,
  setCardFields,
  WSJF_SCALE,
} from "./cardFields";
export type { ChecklistItem } from "./checklist";
export {
  addChecklistItem,
  editChecklistItem,
  MAX_CHECKLIST_ITEM_LENGTH,
  MAX_CHECKLIST_ITEMS,
  moveChecklistItem,
  removeChecklistItem,
  toggleChecklistItem,
} from "./checklist";
export type { Comment, CommentsReader } from "./comments";
export {
  addComment,
  createCommentsReader,
  deleteComment,
  editComment,
  MAX_COMMENT_LENGTH,
  readComments,
} from "./comments";
export type {
  Conflict,
  ConflictTrackerOptions,
  FieldChange,
  FieldWrite,
  PriorityField,
} from "./conflicts";
export {
  CONFLICT_TRACKER_ORIGIN,
  CONFLICT_WINDOW_MS,
  ConflictTracker,
  conflictId,
  detectConflict,
  detectConflicts,
  openConflict,
  PRIORITY_FIELDS,
  quickVoteSides,
  readConflicts,
  settleConflict,
} from "./conflicts";
export type { Decision, DecisionFilter, DecisionInput, DecisionKind, DecisionsReader } from "./decisions";
export {
  amendDecision,
  createDecisionsReader,
  DECISION_KINDS,
  filterDecisions,
  MAX_DECISION_ITEMS,
  MAX_DECISION_TITLE_LENGTH,
  MAX_RATIONALE_LENGTH,
  readDecisions,
  recordDecision,
} from "./decisions";
export { BoardInputError } from "./errors";
export type { Evidence, EvidenceCount, EvidenceFields, EvidenceSource } from "./evidence";
export {
  createEvidence,
  deleteEvidence,
  EVIDENCE_SOURCES,
  editEvidence,
  linkEvidence,
  MAX_CUSTOMER_LENGTH,
  MAX_QUOTE_LENGTH,
  unlinkEvidence,
} from "./evidence";
export type { CardFilter, Swimlane } from "./filters";
export { filterCards, groupIntoSwimlanes } from "./filters";
export type { Goal } from "./goals";
export { archiveGoal, createGoal, moveGoal, renameGoal, setGoalDescription } from "./goals";
export { isValidBoardId, newId } from "./ids";
export type { MentionSegment } from "./mentions";
export { formatMention, mentionSegments, parseMentions } from "./mentions";
export type { NewCard } from "./operations";
export {
  archiveCard,
  createCard,
  createCards,
  createLane,
  deleteCard,
  deleteLane,
  initBoard,
  moveCard,
  moveLane,
  renameBoard,
  renameCard,
  renameLane,
  rerankCards,
  restoreCard,
  setCardDescription,
  setLaneWipLimit,
} from "./operations";
export type { Peer, PresenceActivity, PresenceCursor, PresenceState, PresenceUser } from "./presence";
export { parseCursor, parsePresence, readPeers } from "./presence";
export { AuthType, CloseCode, SaveStatus } from "./protocol";
export type { Placement, Ranked } from "./rank";
export { compareRanked, placeAt, rankAfterLast, reorderedRanks } from "./rank";
export type { BoardReader } from "./readBoard";
export { createBoardReader, readBoard } from "./readBoard";
export type { Board, BoardRoots, Card, CardPlanning, ItemMap, Lane, LaneKind } from "./schema";
export {
  getRoots,
  LANE_KINDS,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  ROOT,
  SCHEMA_VERSION,
} from "./schema";
export type { ScorableCard, ScoreContext, ScoredCard, ScoringModel } from "./scoring";
export {
  effectiveReach,
  formatScore,
  rankByScore,
  SCORING_INPUTS,
  SCORING_MODEL_LABELS,
  SCORING_MODELS,
  scoreCard,
} from "./scoring";
export type {
  CardPlace,
  FacilitatorView,
  SessionPerson,
  SessionReader,
  SessionState,
  SessionView,
  TimerState,
} from "./session";
export {
  addTime,
  cardPlaces,
  clearTimer,
  createSessionReader,
  DEFAULT_PHASES,
  endSession,
  estimateClockOffset,
  handOver,
  MAX_PHASE_NAME_LENGTH,
  MAX_PHASES,
  MAX_TIMER_MS,
  nextPhase,
  pauseTimer,
  previousPhase,
  readBaseline,
  readSession,
  resumeTimer,
  SESSION_VIEWS,
  setFacilitatorView,
  setPhase,
  setPhases,
  spotlightCard,
  startSession,
  startTimer,
  stopFollowMe,
  timerRemaining,
} from "./session";
export type { MovedCard, SessionSummary, SummaryResult, SummaryRound } from "./sessionSummary";
export {
  closeSession,
  MAX_SUMMARIES,
  readSummaries,
  resultLabel,
  roundHeading,
  summariseSession,
  summaryMarkdown,
} from "./sessionSummary";
export type { BoardTemplate, BoardTemplateId } from "./templates";
export { BOARD_TEMPLATE_IDS, BOARD_TEMPLATES, findTemplate } from "./templates";
export type { TextSplice } from "./text";
export { diffText, normaliseTitle } from "./text";
export type {
  Ballot,
  ConflictSide,
  DotResult,
  EstimateSpread,
  PokerScale,
  RoundLogEntry,
  RoundState,
  RoundStatus,
  ScaleValue,
  VoteKind,
  VoteResults,
} from "./voting";
export {
  applyVoteResults,
  conflictOptionIds,
  conflictVoteWinner,
  DEFAULT_DOT_BUDGET,
  describeSpread,
  estimateSpread,
  HIGHLIGHT_COUNT,
  isDotValue,
  logRevealedRound,
  MAX_ROUND_LOG,
  POKER_SCALES,
  parseConflictOption,
  publishRound,
  ROUND_STATUSES,
  readRound,
  readRoundLog,
  roundLogEntry,
  scaleStep,
  tallyDots,
  VOTE_KINDS,
  widestDisagreements,
} from "./voting";
