/** The page events data-attribute capture listens to: a tracker with capture starts at once on the first of them. */
export const CAPTURE_EVENTS = ['click', 'submit', 'change'] as const;
