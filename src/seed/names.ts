import type { Random } from './random.js';

/** Common surnames in Hunan, weighted roughly by frequency. */
const SURNAMES: [string, number][] = [
  ['李', 7], ['刘', 6], ['陈', 6], ['王', 5], ['张', 5], ['黄', 4], ['曾', 3], ['周', 3], ['邓', 3], ['罗', 3],
  ['唐', 3], ['谭', 2], ['彭', 2], ['何', 2], ['胡', 2], ['廖', 2], ['肖', 2], ['谢', 2], ['蒋', 1.5], ['雷', 1.5],
  ['朱', 1.5], ['曹', 1], ['袁', 1], ['侯', 1], ['钟', 1], ['许', 1], ['阳', 0.6], ['欧阳', 0.6], ['段', 0.5], ['卢', 0.5],
  ['戴', 0.5], ['文', 0.5], ['范', 0.5], ['邝', 0.3],
];

const OLDER_WOMEN = ['秀英', '桂英', '玉兰', '秀兰', '桂兰', '翠英', '冬梅', '春花', '凤英', '金凤', '玉梅', '淑珍', '桂花', '菊英',
  '满秀', '月娥', '桂香', '玉莲', '素珍', '爱华', '美华', '秋菊', '兰英', '香莲', '玉英', '荷花', '志英', '冬秀', '细妹', '银花'];
const OLDER_MEN = ['建国', '国华', '志刚', '德明', '国庆', '建华', '光明', '福生', '长生', '永福', '立新', '卫东', '文华', '德胜',
  '春生', '金生', '树林', '新民', '振华', '家明', '满生', '石生', '国平', '永红', '解放', '跃进', '和平', '海清', '松林', '贵生'];
const YOUNGER_WOMEN = ['丽娟', '海燕', '晓红', '小燕', '丽华', '红梅', '丽萍', '春燕', '美玲', '艳', '霞', '敏', '静', '慧', '芳',
  '婷', '琳', '丽', '娟', '晓玲', '雪梅', '桂芳', '小玲', '佳', '倩'];
const YOUNGER_MEN = ['伟', '军', '勇', '强', '涛', '斌', '俊', '志强', '海军', '建军', '小军', '红兵', '永强', '文斌', '立平', '卫华',
  '鹏', '浩', '磊', '洪波', '剑', '建平', '志勇', '海波', '亮'];

export type Gender = 'female' | 'male';
export type Generation = 'older' | 'younger';

export function surname(rng: Random): string {
  return rng.weighted(SURNAMES);
}

export function givenName(rng: Random, gender: Gender, generation: Generation): string {
  if (generation === 'older') return rng.pick(gender === 'female' ? OLDER_WOMEN : OLDER_MEN);
  return rng.pick(gender === 'female' ? YOUNGER_WOMEN : YOUNGER_MEN);
}

export function fullName(rng: Random, gender: Gender, generation: Generation, family = surname(rng)): string {
  return family + givenName(rng, gender, generation);
}

export function familyNameOf(name: string): string {
  return name.startsWith('欧阳') ? '欧阳' : name[0];
}
