/**
 * Chenzhou's county-level divisions and the streets (街道) and towns (镇/乡) the demo city uses.
 * Division, street and town names and area codes are the real ones; coordinates are approximate
 * (placed around each county seat for the demo), not survey data, and road names only look local.
 */
export interface Place {
  name: string;
  lat: number;
  lng: number;
  /** An urban street of the city proper or a county seat: addresses in communities, not villages. */
  urban: boolean;
  /** The 13 street comprehensive centres stand in these urban streets of 北湖区 and 苏仙区. */
  streetCentre?: boolean;
  /** A community day-care site stands here. */
  dayCare?: boolean;
  /** A rural nursing home stands here. */
  ruralHome?: boolean;
  /** Relative share of the division's older people living here. */
  weight: number;
}

export interface Division {
  name: string;
  /** GB/T 2260 code, the first six digits of its residents' ID numbers. */
  areaCode: string;
  /** Facility code prefix. */
  prefix: string;
  /** Relative share of the city's older people (about the resident population, in 10,000s). */
  weight: number;
  roads: string[];
  places: Place[];
}

export const CITY_CENTRE = { lat: 25.77, lng: 113.01 };

const street = (name: string, lat: number, lng: number, extra: Partial<Place> = {}): Place => ({
  name,
  lat,
  lng,
  urban: true,
  dayCare: true,
  weight: 10,
  ...extra,
});
const town = (name: string, lat: number, lng: number, extra: Partial<Place> = {}): Place => ({
  name,
  lat,
  lng,
  urban: false,
  weight: 2,
  ...extra,
});
/** A county seat's street or town: urban, with a day-care site. */
const seat = (name: string, lat: number, lng: number, weight = 8): Place => ({
  name,
  lat,
  lng,
  urban: true,
  dayCare: true,
  weight,
});

export const DIVISIONS: Division[] = [
  {
    name: '北湖区',
    areaCode: '431002',
    prefix: 'BH',
    weight: 57,
    roads: ['人民东路', '人民西路', '国庆北路', '国庆南路', '燕泉北路', '骆仙西路', '五岭大道', '青年大道', '香雪路', '北湖路'],
    places: [
      street('人民路街道', 25.786, 113.022, { streetCentre: true }),
      street('北湖街道', 25.795, 113.01, { streetCentre: true }),
      street('燕泉街道', 25.775, 113.045, { streetCentre: true }),
      street('下湄桥街道', 25.768, 113.028, { streetCentre: true }),
      street('郴江街道', 25.752, 113.048, { streetCentre: true }),
      street('骆仙街道', 25.781, 112.998, { streetCentre: true }),
      street('涌泉街道', 25.803, 112.992, { streetCentre: true }),
      // An urban street without a centre of its own in the 2021 build: its residents use the neighbours'.
      street('增福街道', 25.76, 113.008, { weight: 6 }),
      town('华塘镇', 25.845, 112.93, { ruralHome: true }),
      town('鲁塘镇', 25.66, 112.835, { ruralHome: true }),
      town('仰天湖瑶族乡', 25.625, 112.88, { weight: 1 }),
    ],
  },
  {
    name: '苏仙区',
    areaCode: '431003',
    prefix: 'SX',
    weight: 44,
    roads: ['苏仙北路', '苏仙南路', '沿江路', '飞虹路', '南岭大道', '郴州大道', '五岭大道', '王仙岭路'],
    places: [
      street('苏仙岭街道', 25.8, 113.045, { streetCentre: true }),
      street('南塔街道', 25.79, 113.035, { streetCentre: true }),
      street('白鹿洞街道', 25.781, 113.058, { streetCentre: true }),
      street('王仙岭街道', 25.768, 113.068, { streetCentre: true }),
      street('观山洞街道', 25.815, 113.062, { streetCentre: true }),
      street('卜里坪街道', 25.832, 113.05, { streetCentre: true }),
      town('许家洞镇', 25.905, 113.09, { ruralHome: true }),
      town('良田镇', 25.65, 113.02, { ruralHome: true }),
      town('栖凤渡镇', 25.845, 113.18, { ruralHome: true }),
      town('五里牌镇', 25.86, 113.13),
      town('坳上镇', 25.73, 113.08),
      town('白露塘镇', 25.85, 113.01),
      town('飞天山镇', 25.93, 113.14),
      town('望仙镇', 25.87, 113.27),
    ],
  },
  {
    name: '资兴市',
    areaCode: '431081',
    prefix: 'ZX',
    weight: 32,
    roads: ['资五路', '东江路', '唐洞路', '新区大道'],
    places: [
      seat('唐洞街道', 25.975, 113.236),
      seat('东江街道', 25.96, 113.285, 5),
      town('兴宁镇', 26.07, 113.3, { ruralHome: true }),
      town('三都镇', 26.0, 113.1, { ruralHome: true }),
      town('蓼江镇', 26.03, 113.16),
      town('黄草镇', 25.88, 113.42),
      town('汤溪镇', 25.8, 113.55),
      town('州门司镇', 26.1, 113.45),
    ],
  },
  {
    name: '桂阳县',
    areaCode: '431021',
    prefix: 'GY',
    weight: 69,
    roads: ['欧阳海大道', '蔡伦路', '龙潭路', '鹿峰路'],
    places: [
      seat('龙潭街道', 25.755, 112.735),
      seat('黄沙坪街道', 25.68, 112.67, 5),
      town('仁义镇', 25.86, 112.7, { ruralHome: true }),
      town('太和镇', 25.84, 112.55, { ruralHome: true }),
      town('洋市镇', 25.6, 112.55),
      town('和平镇', 25.66, 112.48),
      town('流峰镇', 25.97, 112.69),
      town('樟市镇', 25.93, 112.8),
      town('荷叶镇', 25.58, 112.72),
      town('方元镇', 25.83, 112.41),
      town('正和镇', 25.75, 112.43),
      town('敖泉镇', 25.7, 112.6),
    ],
  },
  {
    name: '宜章县',
    areaCode: '431022',
    prefix: 'YZ',
    weight: 56,
    roads: ['解放路', '城南路', '宜兴路', '建设路'],
    places: [
      seat('玉溪镇', 25.4, 112.95),
      town('梅田镇', 25.34, 113.07, { ruralHome: true }),
      town('白石渡镇', 25.5, 112.97, { ruralHome: true }),
      town('黄沙镇', 25.3, 112.8),
      town('一六镇', 25.39, 112.75),
      town('五岭镇', 25.55, 112.83),
      town('里田镇', 25.42, 113.16),
      town('栗源镇', 25.45, 112.86),
      town('岩泉镇', 25.46, 113.05),
      town('笆篱镇', 25.27, 112.93),
    ],
  },
  {
    name: '永兴县',
    areaCode: '431023',
    prefix: 'YX',
    weight: 52,
    roads: ['银都大道', '便江路', '城关路', '塔山路'],
    places: [
      seat('便江镇', 26.13, 113.115),
      town('马田镇', 26.05, 113.05, { ruralHome: true }),
      town('柏林镇', 26.22, 113.2, { ruralHome: true }),
      town('鲤鱼塘镇', 26.23, 113.05),
      town('油市镇', 26.15, 113.3),
      town('高亭司镇', 26.2, 113.35),
      town('湘阴渡镇', 26.2, 113.12),
      town('悦来镇', 26.3, 113.15),
      town('金龟镇', 26.1, 112.95),
    ],
  },
  {
    name: '嘉禾县',
    areaCode: '431024',
    prefix: 'JH',
    weight: 34,
    roads: ['禾仓大道', '珠泉路', '嘉禾大道', '南岭路'],
    places: [
      seat('珠泉镇', 25.587, 112.37),
      town('塘村镇', 25.5, 112.32, { ruralHome: true }),
      town('袁家镇', 25.66, 112.4, { ruralHome: true }),
      town('行廊镇', 25.62, 112.32),
      town('广发镇', 25.53, 112.42),
      town('石桥镇', 25.68, 112.3),
      town('晋屏镇', 25.57, 112.27),
      town('车头镇', 25.64, 112.45),
    ],
  },
  {
    name: '临武县',
    areaCode: '431025',
    prefix: 'LW',
    weight: 31,
    roads: ['舜峰路', '东山路', '城南路', '武水路'],
    places: [
      seat('舜峰镇', 25.277, 112.563),
      town('金江镇', 25.35, 112.6, { ruralHome: true }),
      town('汾市镇', 25.36, 112.46, { ruralHome: true }),
      town('武水镇', 25.3, 112.48),
      town('楚江镇', 25.4, 112.55),
      town('麦市镇', 25.17, 112.62),
      town('水东镇', 25.23, 112.52),
      town('南强镇', 25.25, 112.66),
    ],
  },
  {
    name: '汝城县',
    areaCode: '431026',
    prefix: 'RC',
    weight: 34,
    roads: ['卢阳大道', '东街', '西街', '解放路'],
    places: [
      seat('卢阳镇', 25.552, 113.685),
      town('热水镇', 25.48, 113.88, { ruralHome: true }),
      town('土桥镇', 25.6, 113.62, { ruralHome: true }),
      town('暖水镇', 25.63, 113.75),
      town('泉水镇', 25.45, 113.72),
      town('大坪镇', 25.68, 113.55),
      town('马桥镇', 25.52, 113.6),
      town('井坡镇', 25.62, 113.85),
    ],
  },
  {
    name: '桂东县',
    areaCode: '431027',
    prefix: 'GD',
    weight: 16,
    roads: ['沤江路', '城关路', '新城路'],
    places: [
      seat('沤江镇', 26.078, 113.945),
      town('沙田镇', 26.0, 113.9, { ruralHome: true }),
      town('寨前镇', 26.13, 113.98, { ruralHome: true }),
      town('大塘镇', 26.15, 113.83),
      town('四都镇', 25.98, 114.05),
      town('清泉镇', 25.95, 114.15),
      town('普乐镇', 26.03, 113.8),
    ],
  },
  {
    name: '安仁县',
    areaCode: '431028',
    prefix: 'AR',
    weight: 34,
    roads: ['永乐江大道', '神农大道', '城关路', '解放路'],
    places: [
      seat('永乐江镇', 26.709, 113.27),
      town('安平镇', 26.66, 113.35, { ruralHome: true }),
      town('龙海镇', 26.6, 113.22, { ruralHome: true }),
      town('灵官镇', 26.52, 113.25),
      town('金紫仙镇', 26.57, 113.35),
      town('关王镇', 26.55, 113.45),
      town('牌楼乡', 26.78, 113.22),
    ],
  },
];

/** Generic community and village name parts, common across Hunan. */
export const COMMUNITY_NAMES = [
  '和平',
  '新华',
  '东风',
  '向阳',
  '建设',
  '幸福',
  '文化',
  '友谊',
  '解放',
  '新村',
  '南街',
  '北街',
  '东街',
  '西街',
  '桥头',
  '花园',
];
export const VILLAGE_FIRST = [
  '新',
  '石',
  '大',
  '黄',
  '上',
  '下',
  '东',
  '西',
  '高',
  '马',
  '龙',
  '长',
  '平',
  '柏',
  '枫',
  '白',
  '竹',
  '塘',
  '田',
  '水',
];
export const VILLAGE_SECOND = ['塘', '坪', '田', '冲', '岭', '湾', '口', '桥', '头', '山', '洞', '江', '源', '溪', '背', '家'];
