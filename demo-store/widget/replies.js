// The stand-in widget's canned answers: a few keywords, one default.
(() => {
  const REPLIES = [
    [
      /espresso|dark|strong/i,
      'For espresso, our Midnight Espresso Beans are the favourite: dense, chocolatey, and great with milk. Pair them with the Hand Burr Grinder for a fine, even grind.',
    ],
    [
      /pour|filter|kettle|drip/i,
      'For pour-over, the Gooseneck Kettle gives you a slow, precise pour, and the Ceramic Pour-Over Dripper brews a clean single cup. The Highland Filter Roast shines in both.',
    ],
    [/grind|burr/i, 'The Hand Burr Grinder has 40 settings, from Turkish to French press, and grinds 20 g in under a minute.'],
    [/tea|sencha|green/i, 'Our Sencha Green Tea Tin is a first-flush Shizuoka sencha: grassy, sweet and a little savoury.'],
    [/ship|deliver|return/i, 'Shipping is free on every order, prices include tax, and you have 30 days to return anything.'],
    [
      /mug|cup|gift|milk|latte/i,
      'The Stoneware Mug is thrown by hand, so each one is a little different; for latte art, add the Steel Milk Pitcher.',
    ],
  ];
  const DEFAULT =
    'Happy to help! Most people start with the Midnight Espresso Beans or the Gooseneck Kettle. Tell me how you brew and I will suggest something.';

  /** @type {any} */ (window).gleenWidgetReplies = {
    answer: (/** @type {string} */ text) => REPLIES.find(([pattern]) => /** @type {RegExp} */ (pattern).test(text))?.[1] ?? DEFAULT,
  };
})();
