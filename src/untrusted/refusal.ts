// A refusal: what every rule of this folder answers when a deck may not do something.

/** A stable diagnostic code and a message that names only what the deck wrote, never a file's content. */
export interface Refusal {
  code: string
  message: string
}

/** Whether a rule's answer is a refusal (answers that are not carry no `code`). */
export function isRefusal(answer: object): answer is Refusal {
  return 'code' in answer
}
