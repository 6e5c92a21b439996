package dev.retain.ingest.cleansing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyNamesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "上海恒达机械设备有限公司",
                "上海恒达机械设备有限责任公司",
                " 上海恒达机械设备 股份有限公司 ",
                "上海恒达机械设备（有限公司）",
                "上海恒达机械设备",
                "上海 恒达机械设备 有限 公司",
                "【上海恒达机械设备】有限公司"
            })
    void oneChineseCompanyWrittenDifferentlyGivesOneKey(String written) {
        assertThat(CompanyNames.normalise(written)).isEqualTo("上海恒达机械设备");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Northwind Trading Co., Ltd.",
                "NORTHWIND TRADING CO LTD",
                "Northwind Trading Company Limited",
                "Ｎｏｒｔｈｗｉｎｄ　Ｔｒａｄｉｎｇ　Ｃｏ．，Ｌｔｄ．",
                "Northwind-Trading Ltd",
                "Northwind Trading Inc.",
                "Northwind Trading, LLC",
                "Northwind Trading Corp.",
                "Northwind Trading GmbH"
            })
    void oneEnglishCompanyWrittenDifferentlyGivesOneKey(String written) {
        assertThat(CompanyNames.normalise(written)).isEqualTo("northwindtrading");
    }

    @Test
    void dropsSeveralLegalFormsInARow() {
        assertThat(CompanyNames.normalise("恒达有限公司 Co., Ltd.")).isEqualTo("恒达");
    }

    @Test
    void keepsTheCityInFront() {
        assertThat(CompanyNames.normalise("上海恒达有限公司")).isNotEqualTo(CompanyNames.normalise("恒达有限公司"));
    }

    @Test
    void keepsGroupAndBranch() {
        assertThat(CompanyNames.normalise("恒达集团有限公司")).isEqualTo("恒达集团");
        assertThat(CompanyNames.normalise("恒达有限公司上海分公司")).isEqualTo("恒达有限公司上海分公司");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zinc", "Costco", "Incorporated Sound"})
    void onlyDropsLegalFormsThatAreWholeWords(String written) {
        assertThat(CompanyNames.normalise(written))
                .isEqualTo(written.toLowerCase(Locale.ROOT).replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"有限公司", "Co., Ltd.", "（股份有限公司）", "---"})
    void aLegalFormAloneHasNoCompanyName(String written) {
        assertThatThrownBy(() -> CompanyNames.normalise(written))
                .isInstanceOf(CellProblem.class)
                .hasMessage("'" + written + "' has no company name");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " \u3000 "})
    void aBlankValueIsEmpty(String written) {
        assertThatThrownBy(() -> CompanyNames.normalise(written)).hasMessage("is empty");
    }
}
