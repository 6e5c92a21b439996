package dev.retain.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Chinese cities with their region and telephone area code, weighted toward the big ones. */
final class CityPool {

    record City(String name, String region, String areaCode, double weight) {}

    private static final List<City> CITIES = List.of(
            new City("上海", "华东", "021", 10),
            new City("北京", "华北", "010", 10),
            new City("深圳", "华南", "0755", 9),
            new City("广州", "华南", "020", 8),
            new City("杭州", "华东", "0571", 6),
            new City("成都", "西南", "028", 6),
            new City("重庆", "西南", "023", 5),
            new City("武汉", "华中", "027", 5),
            new City("南京", "华东", "025", 5),
            new City("苏州", "华东", "0512", 5),
            new City("天津", "华北", "022", 4),
            new City("西安", "西北", "029", 4),
            new City("长沙", "华中", "0731", 3),
            new City("郑州", "华中", "0371", 3),
            new City("东莞", "华南", "0769", 3),
            new City("青岛", "华东", "0532", 3),
            new City("宁波", "华东", "0574", 2.5),
            new City("佛山", "华南", "0757", 2.5),
            new City("合肥", "华东", "0551", 2),
            new City("济南", "华东", "0531", 2),
            new City("厦门", "华东", "0592", 2),
            new City("福州", "华东", "0591", 2),
            new City("沈阳", "东北", "024", 2),
            new City("哈尔滨", "东北", "0451", 2),
            new City("昆明", "西南", "0871", 2),
            new City("大连", "东北", "0411", 1.5),
            new City("石家庄", "华北", "0311", 1.5),
            new City("太原", "华北", "0351", 1),
            new City("南宁", "华南", "0771", 1),
            new City("贵阳", "西南", "0851", 1),
            new City("兰州", "西北", "0931", 1));

    private static final WeightedChoice<City> CHOICE = WeightedChoice.of(CITIES, City::weight);

    private CityPool() {}

    static City pick(SplittableRandom random) {
        return CHOICE.pick(random);
    }
}
